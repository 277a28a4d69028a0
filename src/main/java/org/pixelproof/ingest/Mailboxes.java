package org.pixelproof.ingest;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the mailboxes of an address header field (From, Reply-To, Sender, Return-Path) per RFC 5322 section 3.4,
 * through Angus Mail's lenient {@link InternetAddress#parseHeader(String, boolean)}: quoted strings and comments are
 * honoured, so that {@code "PayPal <service@paypal.com>" <news@evil.example>} is the mailbox
 * {@code news@evil.example} with the display name {@code PayPal <service@paypal.com>}, never the other way round.
 *
 * <p>SECURITY: the address is the one a mail server delivers to and checks (SPF, DKIM and DMARC align with its
 * domain); a display name can say anything. Rules:
 * <ul>
 *   <li>The field is read from its raw form ({@link Header#raw()}), never from the decoded one: RFC 2047 encoded
 *   words are decoded in the display name only (RFC 2047 section 5: an encoded word never stands in an addr-spec);
 *   an address holding one ({@code <=?utf-8?q?a=40b.example?=>}) is not an address and is not read.</li>
 *   <li>An obsolete source route ({@code <@relay.example:a@b.example>}, RFC 5322 section 4.4) is dropped: the mailbox
 *   is {@code a@b.example}.</li>
 *   <li>A group ({@code Team: a@b.example, c@d.example;}, RFC 5322 section 3.4, allowed in From by RFC 6854) gives
 *   its member mailboxes; an empty group gives none.</li>
 *   <li>Real mail often leaves a comma unquoted in a display name ({@code Dupont, Jean <jean@example.org>},
 *   {@code "Brand", <news@brand.example>}): a phrase with no {@code @} followed by an address is read as (part of)
 *   that address's name. The same address written twice ({@code Brand <a@b.example.>, <a@b.example>}: case and a
 *   trailing dot of the domain aside) is one mailbox.</li>
 *   <li>A comment after a bare address ({@code a@b.example (Brand)}) is read as its display name, as mail programs
 *   show it.</li>
 * </ul>
 * Nothing is thrown on bad input: {@link Reading#problem()} says what could not be read. At most
 * {@value #MAX_MAILBOXES} mailboxes are kept per field. Pure string work; thread-safe (each thread remembers the
 * From it read last, for an unchangeable header list).
 */
public final class Mailboxes {

    /** Most mailboxes kept per field: 100; the others are ignored. */
    public static final int MAX_MAILBOXES = 100;

    /** An RFC 2047 encoded word, {@code =?charset?encoding?text?=}. */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[A-Za-z]\\?[^?\\s]*\\?=");
    /** A C0 control character other than tab, or DEL. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

    private Mailboxes() {
    }

    /**
     * One mailbox.
     *
     * @param displayName the display name (or, for a bare address, its comment), RFC 2047 encoded words decoded,
     *                    white space collapsed; {@code null} when none
     * @param address     the addr-spec as written (case kept, source route dropped), with a local part, an {@code @}
     *                    and a domain; or a whole address in quotes ({@code "123@brand.example"}), which some mailers
     *                    write and which has no domain by RFC 5322
     */
    public record Mailbox(String displayName, String address) {
    }

    /**
     * What one field holds.
     *
     * @param mailboxes the readable mailboxes, in order, at most {@value #MAX_MAILBOXES}
     * @param problem   what could not be read, in English (for an anomaly's detail); {@code null} when every item is a
     *                  readable mailbox
     */
    public record Reading(List<Mailbox> mailboxes, String problem) {
        public Reading {
            mailboxes = List.copyOf(mailboxes);
        }

        /** @return the first readable mailbox, or {@code null} */
        public Mailbox first() {
            return mailboxes.isEmpty() ? null : mailboxes.get(0);
        }
    }

    /**
     * The From of a message (RFC 5322 section 3.6.2).
     *
     * @param fieldCount how many From fields the message has (RFC 5322 section 3.6 allows exactly one)
     * @param raw        the first field's body, unfolded, or {@code null} when there is none
     * @param reading    the first field's mailboxes (empty when there is none)
     */
    public record FromField(int fieldCount, String raw, Reading reading) {
        /** @return the mailbox taken as the author: the first readable one of the first field; or {@code null} */
        public Mailbox author() {
            return reading.first();
        }

        /**
         * @return true unless the message has exactly one From field naming exactly one readable mailbox: mail
         *         programs then differ in which address they show, or show one nobody checked
         */
        public boolean ambiguous() {
            return fieldCount != 1 || reading.mailboxes().size() != 1 || reading.problem() != null;
        }
    }

    /**
     * @param headers a message's header fields
     * @return its From: the number of From fields and the first one's mailboxes
     */
    public static FromField from(List<Header> headers) {
        Object[] last = LAST_FROM.get();
        if (last[0] instanceof WeakReference<?> ref && ref.get() == headers) {
            return (FromField) last[1]; // the same immutable header list: several stages ask for its From
        }
        FromField field = readFrom(headers);
        if (headers.getClass() == IMMUTABLE_LIST || headers.getClass() == IMMUTABLE_SHORT_LIST) { // cannot change
            last[0] = new WeakReference<>(headers);
            last[1] = field;
        }
        return field;
    }

    /**
     * The last header list {@link #from} read on this thread (weakly held) and its answer: the detector, the sender
     * identifier and the analyzer each ask for the From of the same e-mail, and each reading goes through Angus.
     */
    private static final ThreadLocal<Object[]> LAST_FROM = ThreadLocal.withInitial(() -> new Object[2]);
    /** The classes of {@link List#copyOf} results ({@link ReceivedEmail#headers()}): only those are remembered. */
    private static final Class<?> IMMUTABLE_LIST = List.of(1, 2, 3).getClass();
    private static final Class<?> IMMUTABLE_SHORT_LIST = List.of(1).getClass();

    private static FromField readFrom(List<Header> headers) {
        int count = 0;
        String raw = null;
        for (Header h : headers) {
            if (h.is("From")) {
                if (count++ == 0) {
                    raw = HeaderFields.unfold(h.raw()).strip();
                }
            }
        }
        return new FromField(count, raw, raw == null ? new Reading(List.of(), null) : read(raw));
    }

    /**
     * @param value an address field's raw body ({@link Header#raw()}; folding allowed), may be {@code null}
     * @return its readable mailboxes and what could not be read
     */
    public static Reading read(String value) {
        if (value == null || value.isBlank()) {
            return new Reading(List.of(), "no address");
        }
        // Angus decodes display names through StreamProvider.provider(), a class-path-wide service look-up per call
        // unless the context class loader answers it from memory (MailProviderLoader): about 0.1 ms per message
        return MailProviderLoader.call(() -> readLoaded(value));
    }

    private static Reading readLoaded(String value) {
        String v = HeaderFields.unfold(value);
        String problem = null;
        if (CONTROL.matcher(v).find()) {
            problem = "control characters (such as NUL) inside the field";
            v = CONTROL.matcher(v).replaceAll(" ");
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(v, false);
        } catch (AddressException | RuntimeException e) {
            return new Reading(List.of(), "not an address list: " + e.getClass().getSimpleName());
        }
        List<InternetAddress> items = new ArrayList<>();
        for (InternetAddress a : parsed) {
            if (a.isGroup()) {
                try {
                    InternetAddress[] members = a.getGroup(false);
                    if (members != null) {
                        items.addAll(List.of(members));
                    }
                } catch (AddressException | RuntimeException e) {
                    problem = problem != null ? problem : "a group whose members cannot be read";
                }
            } else {
                items.add(a);
            }
        }
        List<Mailbox> out = new ArrayList<>();
        String pendingName = null;
        for (InternetAddress a : items) {
            String address = a.getAddress() == null ? "" : a.getAddress().strip();
            String name = personal(a);
            if (ENCODED_WORD.matcher(address).find()) {
                problem = problem != null ? problem
                        : "an RFC 2047 encoded word in place of an address (RFC 2047 section 5 forbids it)";
                pendingName = null;
                continue;
            }
            address = withoutRoute(address);
            if (!readable(address)) {
                if (address.indexOf('@') < 0 && address.indexOf('<') < 0 && !address.isEmpty() && name == null) {
                    String phrase = unquote(address);
                    pendingName = pendingName == null ? phrase : pendingName + ", " + phrase; // unquoted comma
                } else {
                    problem = problem != null ? problem : "no readable address";
                    pendingName = null;
                }
                continue;
            }
            if (pendingName != null) {
                name = collapse(name == null ? pendingName : pendingName + ", " + name);
                pendingName = null;
            }
            Mailbox same = null;
            for (Mailbox o : out) {
                if (sameAddress(o.address(), address)) {
                    same = o;
                    break;
                }
            }
            if (same != null) {
                if (same.displayName() == null && name != null) {
                    out.set(out.indexOf(same), new Mailbox(name, same.address()));
                }
            } else if (out.size() < MAX_MAILBOXES) {
                out.add(new Mailbox(name, address));
            }
        }
        if (pendingName != null) {
            problem = problem != null ? problem : "no readable address";
        }
        if (out.isEmpty() && problem == null) {
            problem = "no address";
        }
        return new Reading(out, problem);
    }

    /**
     * @param m a mailbox
     * @return it written back as RFC 5322 does, {@code "Display name" <address>} (the name quoted, its quotes and
     *         backslashes escaped, when it holds characters other than letters, digits, spaces and atext), or the bare
     *         address; the result cannot be misread as another address
     */
    public static String format(Mailbox m) {
        if (m.displayName() == null) {
            return m.address();
        }
        String n = m.displayName();
        boolean plain = n.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '\''
                || c == '!' || c == '#' || c == '&' || c == '+' || c == '_');
        return (plain ? n : "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + " <" + m.address() + ">";
    }

    /**
     * {@link #quotedOnlyDomain} of the author: the first mailbox of a From field.
     *
     * @param fromField a From field's body as written (folding allowed), may be {@code null}
     * @return the domain shown inside the quoted local part of its first mailbox, lower case; {@code null} for a usual
     *         address, for none or for {@code null}
     */
    public static String authorQuotedOnlyDomain(String fromField) {
        Mailbox author = fromField == null ? null : read(fromField).first();
        return author == null ? null : quotedOnlyDomain(author.address());
    }

    /**
     * The domain a reader sees in an address that has none: its only {@code @} is inside a quoted local part, as in
     * {@code "63409624@centerParcs.nl"}, which by RFC 5322 section 3.4.1 is all local part.
     *
     * @param address an address as parsed here or by Angus ({@link Mailbox#address()}), its local part possibly a
     *                quoted string; may be {@code null}
     * @return what follows that {@code @}, without quotes, trimmed and lower case ({@code centerparcs.nl}); {@code null}
     *         for a usual address (an {@code @} after the local part, quoted or not: {@code "j.doe@x"@example.com}),
     *         for one without {@code @}, with a quote left open, or {@code null}
     */
    public static String quotedOnlyDomain(String address) {
        if (address == null) {
            return null;
        }
        boolean inQuotes = false;
        int quotedAt = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\\' && inQuotes) {
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '@') {
                if (!inQuotes) {
                    return null; // a domain after the local part: a usual address
                }
                quotedAt = i;
            }
        }
        if (quotedAt < 0 || inQuotes) {
            return null; // no @ at all, or a quote left open: no claim about its domain
        }
        String shown = address.substring(quotedAt + 1).replace("\"", "").trim().toLowerCase(Locale.ROOT);
        return shown.isEmpty() ? null : shown;
    }

    private static String personal(InternetAddress a) {
        String p = a.getPersonal();
        if (p == null) {
            return null;
        }
        if (p.contains("=?")) { // an encoded word inside a word (R=?UTF-8?B?w6k=?=novation), which Angus leaves as is
            p = EncodedWords.decode(p, new AnomalyLog(), "1", "From");
        }
        p = collapse(CONTROL.matcher(p).replaceAll(" "));
        return p.isEmpty() ? null : p;
    }

    /** @return a phrase without its enclosing quotes and with its quoted-pairs resolved; encoded words decoded */
    private static String unquote(String phrase) {
        String p = phrase.strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        if (p.contains("=?")) {
            p = EncodedWords.decode(p, new AnomalyLog(), "1", "From");
        }
        return collapse(CONTROL.matcher(p).replaceAll(" "));
    }

    /** @return true for the same address written twice: case and trailing dots of the domain aside */
    private static boolean sameAddress(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String address) {
        String x = address;
        while (x.endsWith(".")) {
            x = x.substring(0, x.length() - 1);
        }
        return x;
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** RFC 5322 section 4.4 obs-route: {@code @a.example,@b.example:} before the addr-spec. */
    private static String withoutRoute(String address) {
        if (address.startsWith("@")) {
            int colon = address.indexOf(':');
            if (colon > 0) {
                return address.substring(colon + 1).strip();
            }
        }
        return address;
    }

    /**
     * @return true for {@code local@domain} with the {@code @} outside quotes, no white space or angle brackets outside
     *         quotes, a non-empty local part and domain; or a quoted string holding an {@code @} (a whole address in
     *         quotes)
     */
    static boolean readable(String address) {
        if (address.isEmpty()) {
            return false;
        }
        boolean quoted = false;
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (Character.isWhitespace(c) || c == '<' || c == '>' || c == ',' || c == ';'
                    || c == '(' || c == ')')) {
                return false;
            } else if (!quoted && c == '@') {
                at = i;
            }
        }
        if (quoted) {
            return false;
        }
        if (at < 0) {
            return address.length() > 2 && address.startsWith("\"") && address.endsWith("\"")
                    && address.indexOf('@') > 1;
        }
        String domain = address.substring(at + 1);
        return at > 0 && !domain.isEmpty() && domain.indexOf('"') < 0 && !domain.replace(".", "").isEmpty();
    }
}
