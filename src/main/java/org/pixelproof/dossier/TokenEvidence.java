package org.pixelproof.dossier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;
import org.pixelproof.dossier.Dossier.CopyComparison;
import org.pixelproof.dossier.Dossier.RecurringIdentifier;
import org.pixelproof.dossier.Dossier.TokenDifference;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * The evidence that identifiers are per recipient, across the e-mails of a case: tokens shared by several trackers of
 * one e-mail, identifiers that recur across e-mails received by the same person, and the tokens that differ between
 * two copies of one campaign received by two people (what only a per-recipient identifier explains).
 *
 * <p>Works on the URLs and header values found by {@code detect} and {@code ingest}; never dereferences anything.
 * Stateless and thread-safe.
 */
final class TokenEvidence {
    /** Shortest token value considered, in characters: shorter values (ids like {@code 12}) match by chance. */
    static final int MIN_TOKEN_CHARS = 6;

    /**
     * Header fields the sender sets per message, compared between two copies of a campaign (the Received, DKIM and
     * spam-filter headers are the receiving side's and differ for other reasons). The Message-ID is not among them:
     * it differs for every message by design (RFC 5322, 3.6.4), so its differences prove nothing about the recipient.
     */
    static final List<String> COMPARED_HEADERS = List.of("Return-Path", "List-Unsubscribe",
            "X-Mailer", "X-Report-Abuse", "Feedback-ID", "X-MC-User", "X-Mailin-EID", "X-SG-EID", "X-CSA-Complaints",
            "X-Campaign", "X-CampaignID", "X-Mailgun-Variables", "X-MSYS-API", "X-SES-Outgoing", "X-Job");

    /** An address in a header value; bounded and anchored like {@code DossierBuilder}'s, for linear time. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern HEADER_TOKEN = Pattern.compile("[A-Za-z0-9]+");

    /** One e-mail of the case, labelled. */
    record Input(String label, Analysis analysis, ReceivedEmail email) {
    }

    private TokenEvidence() {
    }

    /** @return the identifier values a tracker carries: its per-recipient tokens and recipient identifiers. */
    static List<String> tokenValues(Tracker t) {
        List<String> out = new ArrayList<>();
        for (String token : RecipientTokens.usable(t.perRecipientTokens())) {
            String v = RecipientTokens.valueOf(token);
            if (v.length() >= MIN_TOKEN_CHARS && !out.contains(v)) {
                out.add(v);
            }
        }
        for (RecipientIdentifier ri : t.recipientIdentifiers()) {
            if (ri.value().length() >= MIN_TOKEN_CHARS && !out.contains(ri.value())) {
                out.add(ri.value());
            }
        }
        return out;
    }

    /** @return true when another tracker of the same e-mail carries one of {@code t}'s identifier values. */
    static boolean sharesToken(Tracker t, List<Tracker> all) {
        for (String v : tokenValues(t)) {
            for (Tracker other : all) {
                if (other != t && other.url().contains(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the recipient addresses of an e-mail, lower case: those searched by {@code detect}, else To. */
    static Set<String> recipients(Analysis a) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : a.recipients()) {
            out.add(r.toLowerCase(Locale.ROOT));
        }
        if (out.isEmpty() && a.message() != null && a.message().to() != null) {
            Matcher m = EMAIL.matcher(a.message().to());
            while (m.find()) {
                out.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Identifiers found in more than one e-mail received by the same person.
     *
     * @return the recurring identifiers, in order of first appearance, with their occurrences
     */
    static List<RecurringIdentifier> recurring(List<Input> inputs) {
        Map<String, List<String>> occurrences = new LinkedHashMap<>();
        Map<String, Set<Integer>> emailsOf = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            for (Tracker t : in.analysis().trackers()) {
                for (String v : tokenValues(t)) {
                    occurrences.computeIfAbsent(v, k -> new ArrayList<>()).add(in.label() + " " + t.id());
                    emailsOf.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(i);
                }
            }
        }
        List<RecurringIdentifier> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : occurrences.entrySet()) {
            Set<Integer> emails = emailsOf.get(e.getKey());
            if (emails.size() >= 2 && sameRecipient(inputs, emails)) {
                out.add(new RecurringIdentifier(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static boolean sameRecipient(List<Input> inputs, Set<Integer> emails) {
        Set<String> common = null;
        for (int i : emails) {
            Set<String> r = recipients(inputs.get(i).analysis());
            if (r.isEmpty()) {
                return true; // unknown: assume the complainant's own mailbox
            }
            if (common == null) {
                common = new LinkedHashSet<>(r);
            } else {
                common.retainAll(r);
            }
        }
        return common == null || !common.isEmpty();
    }

    /**
     * The comparisons of the copies of one campaign, with what they tell about each tracker.
     *
     * @param comparisons   one per pair of copies
     * @param differing     per tracker ({@code "E1 T3"}), the values that differ from its counterpart in the other
     *                      copy, as {@code name=value} ({@code e=6496a8003f}, {@code path=...}): per recipient
     * @param common        per tracker, the values it shares with its counterpart: the same for both recipients,
     *                      so they identify nobody (a campaign or account id)
     */
    record CopyResult(List<CopyComparison> comparisons, Map<String, List<String>> differing,
            Map<String, Set<String>> common) {
    }

    /**
     * Compares every pair of e-mails that are copies of one campaign (same From address, and the same subject or the
     * same tracker hosts) received by different people.
     */
    static List<CopyComparison> compareCopies(List<Input> inputs) {
        return compareAll(inputs).comparisons();
    }

    /** Compares every pair of copies, and says per tracker which values differ and which are common. */
    static CopyResult compareAll(List<Input> inputs) {
        List<CopyComparison> out = new ArrayList<>();
        Map<String, List<String>> differing = new LinkedHashMap<>();
        Map<String, Set<String>> common = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            for (int j = i + 1; j < inputs.size(); j++) {
                Input a = inputs.get(i);
                Input b = inputs.get(j);
                if (copiesForDifferentPeople(a.analysis(), b.analysis())) {
                    out.add(compare(a, b, differing, common));
                }
            }
        }
        return new CopyResult(out, differing, common);
    }

    static boolean copiesForDifferentPeople(Analysis a, Analysis b) {
        Set<String> ra = recipients(a);
        Set<String> rb = recipients(b);
        if (ra.isEmpty() || rb.isEmpty()) {
            return false;
        }
        Set<String> common = new LinkedHashSet<>(ra);
        common.retainAll(rb);
        if (!common.isEmpty()) {
            return false;
        }
        String fromA = a.message() == null ? null : a.message().from();
        String fromB = b.message() == null ? null : b.message().from();
        if (fromA == null || !fromA.equalsIgnoreCase(fromB)) {
            return false;
        }
        String subjectA = a.message().subject();
        String subjectB = b.message().subject();
        if (subjectA != null && subjectA.equals(subjectB)) {
            return true;
        }
        Set<String> hostsA = new LinkedHashSet<>();
        a.trackers().forEach(t -> hostsA.add(t.host()));
        Set<String> hostsB = new LinkedHashSet<>();
        b.trackers().forEach(t -> hostsB.add(t.host()));
        return !hostsA.isEmpty() && hostsA.equals(hostsB);
    }

    private static CopyComparison compare(Input a, Input b, Map<String, List<String>> differing,
            Map<String, Set<String>> common) {
        List<TokenDifference> diffs = new ArrayList<>();
        int[] counts = new int[2]; // compared, identical
        Set<String> addrA = addressForms(a.analysis());
        Set<String> addrB = addressForms(b.analysis());

        // trackers, paired by kind and host in document order
        Map<String, Deque<Tracker>> pool = new LinkedHashMap<>();
        for (Tracker t : a.analysis().trackers()) {
            pool.computeIfAbsent(t.kind() + "|" + t.host(), k -> new ArrayDeque<>()).add(t);
        }
        for (Tracker tb : b.analysis().trackers()) {
            Deque<Tracker> q = pool.get(tb.kind() + "|" + tb.host());
            Tracker ta = q == null ? null : q.poll();
            if (ta == null) {
                continue;
            }
            int before = diffs.size();
            compareUrls("tracker", ta.id(), tb.id(), ta.url(), tb.url(), addrA, addrB, diffs, counts);
            List<TokenDifference> mine = new ArrayList<>(diffs.subList(before, diffs.size()));
            diffs.subList(before, diffs.size()).clear();
            for (TokenDifference d : mine) {
                diffs.add(new TokenDifference(d.source(), d.refA(), d.refB(), d.where(), d.valueA(), d.valueB(),
                        d.recipientAddress(), d.position(), d.positionName(), ta.kind()));
                String name = d.position().equals("query-parameter") ? d.positionName() : "path";
                differing.computeIfAbsent(a.label() + " " + ta.id(), k -> new ArrayList<>()).add(name + "="
                        + d.valueA());
                differing.computeIfAbsent(b.label() + " " + tb.id(), k -> new ArrayList<>()).add(name + "="
                        + d.valueB());
            }
            for (String v : rawTokenValues(ta)) {
                if (tb.url().contains(v)) {
                    common.computeIfAbsent(a.label() + " " + ta.id(), k -> new LinkedHashSet<>()).add(v);
                }
            }
            for (String v : rawTokenValues(tb)) {
                if (ta.url().contains(v)) {
                    common.computeIfAbsent(b.label() + " " + tb.id(), k -> new LinkedHashSet<>()).add(v);
                }
            }
        }
        // links that are not trackers, paired by host in order
        Map<String, Deque<Integer>> linkPool = new LinkedHashMap<>();
        List<Link> linksA = a.analysis().links();
        List<Link> linksB = b.analysis().links();
        for (int i = 0; i < linksA.size(); i++) {
            if (linksA.get(i).trackerId() == null) {
                linkPool.computeIfAbsent(String.valueOf(linksA.get(i).host()), k -> new ArrayDeque<>()).add(i);
            }
        }
        for (int j = 0; j < linksB.size(); j++) {
            Link lb = linksB.get(j);
            if (lb.trackerId() != null) {
                continue;
            }
            Deque<Integer> q = linkPool.get(String.valueOf(lb.host()));
            Integer i = q == null ? null : q.poll();
            if (i == null) {
                continue;
            }
            compareUrls("link", "L" + (i + 1), "L" + (j + 1), linksA.get(i).url(), lb.url(), addrA, addrB, diffs,
                    counts);
        }
        // headers the sender sets per message
        for (String name : COMPARED_HEADERS) {
            String va = a.email().header(name).orElse(null);
            String vb = b.email().header(name).orElse(null);
            if (va == null || vb == null || va.equals(vb)) {
                continue;
            }
            compareHeader(name, va, vb, addrA, addrB, diffs);
        }
        diffs.removeIf(d -> RecipientTokens.isPlaceholder(d.valueA()) && RecipientTokens.isPlaceholder(d.valueB()));
        String idA = a.email().header("Message-ID").orElse(null);
        String idB = b.email().header("Message-ID").orElse(null);
        boolean messageIdDiffers = idA != null && idB != null && !idA.equals(idB);
        return new CopyComparison(a.label(), b.label(), String.join(", ", recipients(a.analysis())),
                String.join(", ", recipients(b.analysis())), counts[0], counts[1], diffs, distinctValues(diffs),
                messageIdDiffers);
    }

    /** @return the raw values of a tracker's tokens as the analysis gave them (before any filtering). */
    private static List<String> rawTokenValues(Tracker t) {
        List<String> out = new ArrayList<>();
        for (String token : t.perRecipientTokens()) {
            String v = RecipientTokens.valueOf(token);
            if (!v.isEmpty() && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Groups the differences by the value behind them: a difference whose values contain another's (an
     * {@code X-Mailer} token {@code CID2ed1232679<value>}) is the same value repeated.
     */
    static List<Dossier.DifferingValue> distinctValues(List<TokenDifference> diffs) {
        List<TokenDifference> sorted = new ArrayList<>(diffs);
        sorted.sort(java.util.Comparator.comparingInt(d -> d.valueA().length()));
        List<String[]> keys = new ArrayList<>();
        Map<Integer, List<TokenDifference>> groups = new LinkedHashMap<>();
        for (TokenDifference d : sorted) {
            int found = -1;
            for (int k = 0; k < keys.size(); k++) {
                String[] key = keys.get(k);
                if (key[0].length() >= 4 && d.valueA().contains(key[0]) && d.valueB().contains(key[1])) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                keys.add(new String[] {d.valueA(), d.valueB()});
                found = keys.size() - 1;
            }
            groups.computeIfAbsent(found, k -> new ArrayList<>()).add(d);
        }
        List<Dossier.DifferingValue> out = new ArrayList<>();
        for (Map.Entry<Integer, List<TokenDifference>> e : groups.entrySet()) {
            String[] key = keys.get(e.getKey());
            List<TokenDifference> occ = new ArrayList<>(e.getValue());
            occ.sort(java.util.Comparator.comparingInt(diffs::indexOf));
            String parameter = occ.stream().filter(d -> d.position().equals("query-parameter")
                    && d.valueA().equals(key[0])).map(TokenDifference::positionName).findFirst().orElse(null);
            out.add(new Dossier.DifferingValue(key[0], key[1], parameter, occ));
        }
        out.sort(java.util.Comparator.comparingInt(v -> diffs.indexOf(v.occurrences().get(0))));
        return out;
    }

    private static void compareUrls(String source, String refA, String refB, String urlA, String urlB,
            Set<String> addrA, Set<String> addrB, List<TokenDifference> diffs, int[] counts) {
        counts[0]++;
        if (urlA.equals(urlB)) {
            counts[1]++;
            return;
        }
        UrlParts pa = UrlParts.of(urlA);
        UrlParts pb = UrlParts.of(urlB);
        if (!pa.host().equals(pb.host())) {
            diffs.add(diff(source, refA, refB, "host", null, pa.host(), pb.host(), addrA, addrB));
            return;
        }
        int n = Math.max(pa.segments().size(), pb.segments().size());
        for (int i = 0; i < n; i++) {
            String sa = i < pa.segments().size() ? pa.segments().get(i) : "";
            String sb = i < pb.segments().size() ? pb.segments().get(i) : "";
            if (!sa.equals(sb)) {
                diffs.add(diff(source, refA, refB, "path-segment", String.valueOf(i + 1), sa, sb, addrA, addrB));
            }
        }
        Set<String> names = new LinkedHashSet<>(pa.query().keySet());
        names.addAll(pb.query().keySet());
        for (String name : names) {
            String qa = pa.query().getOrDefault(name, "");
            String qb = pb.query().getOrDefault(name, "");
            if (!qa.equals(qb)) {
                diffs.add(diff(source, refA, refB, "query-parameter", name, qa, qb, addrA, addrB));
            }
        }
        if (!pa.fragment().equals(pb.fragment())) {
            diffs.add(diff(source, refA, refB, "fragment", null, pa.fragment(), pb.fragment(), addrA, addrB));
        }
    }

    private static void compareHeader(String name, String va, String vb, Set<String> addrA, Set<String> addrB,
            List<TokenDifference> diffs) {
        List<String> ta = tokens(va);
        List<String> tb = tokens(vb);
        if (ta.size() != tb.size()) {
            diffs.add(diff("header", name, name, "header-value", null, va, vb, addrA, addrB));
            return;
        }
        for (int i = 0; i < ta.size(); i++) {
            if (!ta.get(i).equals(tb.get(i))) {
                diffs.add(diff("header", name, name, "header-token", String.valueOf(i + 1), ta.get(i), tb.get(i),
                        addrA, addrB));
            }
        }
    }

    private static List<String> tokens(String v) {
        List<String> out = new ArrayList<>();
        Matcher m = HEADER_TOKEN.matcher(v);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static TokenDifference diff(String source, String refA, String refB, String position, String name,
            String va, String vb, Set<String> addrA, Set<String> addrB) {
        boolean address = containsAddress(va, addrA) || containsAddress(vb, addrB);
        String where = switch (position) {
            case "path-segment" -> "path segment " + name;
            case "query-parameter" -> "query parameter " + name;
            case "header-token" -> "token " + name;
            case "header-value" -> "value";
            default -> position;
        };
        return new TokenDifference(source, refA, refB, where, va, vb, address, position, name, null);
    }

    /**
     * @return the recipient addresses of an e-mail and the encoded forms of them that {@code detect} found in its
     *         trackers (base64, hashes...), lower case
     */
    private static Set<String> addressForms(Analysis a) {
        Set<String> out = new LinkedHashSet<>(recipients(a));
        for (Tracker t : a.trackers()) {
            for (RecipientIdentifier ri : t.recipientIdentifiers()) {
                out.add(ri.value().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** @return true when {@code value} holds one of the address forms, or is a piece of an address's local part. */
    private static boolean containsAddress(String value, Set<String> forms) {
        String v = value.toLowerCase(Locale.ROOT);
        for (String a : forms) {
            int at = a.indexOf('@');
            String local = at < 0 ? null : a.substring(0, at);
            if (v.contains(a) || v.contains(a.replace("@", "%40"))
                    || (local != null && local.length() >= 4 && v.contains(local))
                    || (local != null && v.length() >= 4 && local.contains(v))) {
                return true;
            }
        }
        return false;
    }

    /** A URL split into host, path segments, query parameters and fragment, without resolving anything. */
    record UrlParts(String host, List<String> segments, Map<String, String> query, String fragment) {
        static UrlParts of(String url) {
            String rest = url;
            String fragment = "";
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                fragment = rest.substring(hash + 1);
                rest = rest.substring(0, hash);
            }
            String query = "";
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            String host = "";
            int scheme = rest.indexOf("://");
            if (scheme >= 0) {
                int slash = rest.indexOf('/', scheme + 3);
                host = (slash < 0 ? rest.substring(scheme + 3) : rest.substring(scheme + 3, slash))
                        .toLowerCase(Locale.ROOT);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            List<String> segments = new ArrayList<>();
            for (String s : rest.split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (!query.isEmpty()) {
                for (String p : query.split("&")) {
                    int eq = p.indexOf('=');
                    String name = eq < 0 ? p : p.substring(0, eq);
                    String value = eq < 0 ? "" : p.substring(eq + 1);
                    String key = name;
                    int n = 2;
                    while (params.containsKey(key)) {
                        key = name + "#" + n++;
                    }
                    params.put(key, value);
                }
            }
            return new UrlParts(host, segments, params, fragment);
        }
    }
}
