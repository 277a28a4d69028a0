package org.pixelproof.assess;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.NormalizedText;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.VisibleText;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.ClassificationPhrase;
import org.pixelproof.rules.PatternPrefilter;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.UrlParts;

/**
 * Classifies a message as marketing, transactional, security or personal from explicit cues, for the CNIL exemption
 * checks (délibération 2026-042).
 *
 * <h2>Cues</h2>
 * Each cue is a {@link ClassificationCue} whose code is one of:
 * <ul>
 *   <li>{@value #LIST_UNSUBSCRIBE_HEADER} ({@code List-Unsubscribe}, RFC 2369), {@value #LIST_ID_HEADER}
 *   ({@code List-Id}, RFC 2919), {@value #PRECEDENCE_BULK} ({@code Precedence: bulk|list|junk}),
 *   {@value #UNSUBSCRIBE_LINK} (an unsubscribe link in the body), {@value #MARKETING_VENDOR} (a tracker of a
 *   marketing-automation or advertising vendor): point to {@code MARKETING};</li>
 *   <li>{@value #REPLY_HEADERS} ({@code In-Reply-To} or {@code References}), {@value #REPLY_SUBJECT} (subject
 *   starting "Re:", "TR:", "Fwd:", "AW:"...), {@value #PERSONAL_MAIL_CLIENT} (an {@code X-Mailer}/{@code User-Agent}
 *   of a desktop or phone mail client): point to {@code PERSONAL};</li>
 *   <li>{@code <cue>-wording} for each phrase of {@code legal-rules/message-classes.yaml} found in the subject or the
 *   visible text, {@code <cue>} being the middle segment of the phrase id ({@code fr.promotional.code-promo} gives
 *   {@code promotional-wording}; {@code newsletter-}, {@code order-}, {@code invoice-}, {@code delivery-},
 *   {@code account-}, {@code booking-}, {@code password-reset-}, {@code login-}, {@code security-alert-},
 *   {@code person-to-person-wording}), pointing to the phrase's class; a middle segment that is a class name
 *   ({@code fr.marketing.code-promo}) gives the class's generic cue ({@code promotional-wording},
 *   {@code transactional-wording}, {@code security-wording}, {@code person-to-person-wording}). Each phrase counts
 *   once per message.</li>
 *   <li>{@value #SUBJECT_CONFIRMATION}: the subject states a confirmation of an order, booking or account (an
 *   {@code order-}, {@code booking-}, {@code account-} or {@code subscription-wording} phrase matched in the subject,
 *   and the subject holds a confirmation word: "confirmation", "Bestätigung", "bevestiging", "conferma",
 *   "récapitulatif", "receipt", "merci pour votre commande"...): points to {@code TRANSACTIONAL}.</li>
 *   <li>{@value #SUBSCRIPTION_CONFIRMATION}: the message asks to confirm a subscription (double opt-in): a
 *   {@value #SUBSCRIPTION_WORDING} phrase ("confirm your subscription", "Anmeldung bestätigen", "confirmez votre
 *   inscription"...) was found, and the message has a confirmation link: a link to a vendor's confirmation endpoint
 *   ({@link Link#SUBSCRIPTION_CONFIRMATION}: ActiveCampaign {@code proc.php?...&act=csub}, Mailchimp
 *   {@code /subscribe/confirm}), or a link whose own text is such a phrase. The evidence is the link's text and its
 *   host and path (never its query, which names the subscriber). Points to {@code TRANSACTIONAL}: a message the
 *   person asked for by signing up.</li>
 * </ul>
 *
 * <h2>Decision rule</h2>
 * Cues are counted per group: marketing (M), service = transactional + security (S), personal (P). A group
 * <em>dominates</em> when its count is at least 1 and at least twice each other group's count. A dominating marketing
 * group gives {@code MARKETING}, personal gives {@code PERSONAL}; a dominating service group gives {@code SECURITY}
 * when security cues are at least as many as transactional ones, else {@code TRANSACTIONAL}. No cue, or no dominating
 * group (e.g. an order confirmation with one order phrase and a {@code List-Unsubscribe} header, 1 against 1), gives
 * {@code UNKNOWN}: contradictory cues are reported as such rather than guessed. One exception: when the subject
 * states a confirmation ({@value #SUBJECT_CONFIRMATION}), the list headers ({@value #LIST_UNSUBSCRIBE_HEADER},
 * {@value #LIST_ID_HEADER}, {@value #PRECEDENCE_BULK}) are not counted, because ESPs add them to every message they
 * send, order confirmations included, while the subject says what the message is for (a reader of the cues tells
 * it from the presence of both kinds of cue; the evidence is the subject alone, for wording in any language).
 * An order confirmation with a {@code List-Unsubscribe} header and an unsubscribe link is then {@code TRANSACTIONAL}
 * (there is no "transactional with marketing content" class). Likewise, when the message asks to confirm a
 * subscription ({@value #SUBSCRIPTION_CONFIRMATION}), neither the list headers, nor the unsubscribe link, nor a
 * marketing vendor's tracker, nor newsletter wording are counted: the service that will send the newsletter sends
 * its confirmation request too, with its usual headers and footer, and the request names the newsletter subscribed
 * to. Promotional wording still counts (a discount promised for confirming is marketing content), so a confirmation
 * request with more promotional phrases than half its service cues stays {@code UNKNOWN}. The exemption checks still
 * look at the cues themselves (marketing content in a service message is reported as mixed). See
 * {@code docs/decisions/0042-double-opt-in-confirmations.md}.
 *
 * <p>At most {@value #MAX_CHARS_PER_BODY} characters of visible text per body are read. Thread-safe: immutable.
 */
public final class MessageClassifier {
    /** A run of white space (compiled once: String.replaceAll compiles its regex on every call). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** Cue: the message has a {@code List-Unsubscribe} header. */
    public static final String LIST_UNSUBSCRIBE_HEADER = "list-unsubscribe-header";
    /** Cue: the message has a {@code List-Id} header. */
    public static final String LIST_ID_HEADER = "list-id-header";
    /** Cue: {@code Precedence: bulk}, {@code list} or {@code junk}. */
    public static final String PRECEDENCE_BULK = "precedence-bulk";
    /** Cue: an unsubscribe link in the body. */
    public static final String UNSUBSCRIBE_LINK = "unsubscribe-link";
    /** Cue: a tracker of a marketing-automation or advertising vendor. */
    public static final String MARKETING_VENDOR = "marketing-vendor";
    /** Cue: the subject states an order, booking or account confirmation; outweighs the list headers. */
    public static final String SUBJECT_CONFIRMATION = "subject-confirmation";
    /** Cue: a phrase asking to confirm a subscription (double opt-in), from {@code <language>.subscription.*}. */
    public static final String SUBSCRIPTION_WORDING = "subscription-wording";
    /**
     * Cue: the message asks to confirm a subscription and has the link that does it (double opt-in); outweighs the
     * list headers, the unsubscribe link, a marketing vendor and newsletter wording.
     */
    public static final String SUBSCRIPTION_CONFIRMATION = "subscription-confirmation";
    /** Cue: {@code In-Reply-To} or {@code References} headers. */
    public static final String REPLY_HEADERS = "reply-headers";
    /** Cue: a reply or forward subject prefix. */
    public static final String REPLY_SUBJECT = "reply-subject";
    /** Cue: a personal mail client in {@code X-Mailer} or {@code User-Agent}. */
    public static final String PERSONAL_MAIL_CLIENT = "personal-mail-client";
    /** Most characters of a confirmation link's text quoted in its cue's evidence: 80. */
    private static final int MAX_LINK_TEXT_CHARS = 80;
    /** Most characters of visible text read per body: 300,000. */
    public static final int MAX_CHARS_PER_BODY = 300_000;

    private static final Set<String> CLASS_SEGMENTS = Set.of("MARKETING", "TRANSACTIONAL", "SECURITY", "PERSONAL");
    /** The cue segments of phrases that, matched in the subject with a confirmation word, state a confirmation. */
    private static final Set<String> CONFIRMED_CUES = Set.of("order", "booking", "account", "subscription");
    /** The marketing cues a subscription-confirmation request carries like any message of its sender. */
    private static final Set<String> NOT_COUNTED_IN_A_CONFIRMATION_REQUEST = Set.of(LIST_UNSUBSCRIBE_HEADER,
            LIST_ID_HEADER, PRECEDENCE_BULK, UNSUBSCRIBE_LINK, MARKETING_VENDOR, "newsletter-wording");
    /** The list headers, not counted when the subject states a confirmation. */
    private static final Set<String> LIST_HEADERS = Set.of(LIST_UNSUBSCRIBE_HEADER, LIST_ID_HEADER, PRECEDENCE_BULK);
    /** A confirmation word, in NORMALISED text (no accents, lower case). Linear: bounded repetitions only. */
    private static final Pattern CONFIRMATION_WORD = Pattern.compile("\\b(?:confirm[a-z]{0,10}"
            + "|(?:bestell)?bestatig[a-z]{0,8}|bevestig[a-z]{0,8}|conferm[a-z]{0,8}|recapitulatif|receipt|recu"
            + "|thank you for your (?:order|purchase|booking)|merci pour (?:votre|ta) (?:commande|reservation)"
            + "|vielen dank fur (?:ihre|deine) bestellung)\\b");
    private static final Pattern PRECEDENCE = Pattern.compile("(?i)^\\s*(?:bulk|list|junk)\\b");
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "(?i)^\\s*(?:re|fw|fwd|tr|aw|wg|rif|r|antw|rv|enc|sv|vs|odp|ynt)\\s?(?:\\[\\d{1,3}\\])?\\s?:");
    private static final Pattern MAIL_CLIENT = Pattern.compile("(?i)^\\s*(?:microsoft outlook|microsoft office outlook"
            + "|microsoft windows live mail|windows mail|apple mail|iphone mail|ipad mail|mozilla thunderbird|thunderbird"
            + "|mozilla/5\\.0 \\([^)]{0,80}\\) gecko/\\d{1,8} thunderbird|evolution|roundcube|mutt|neomutt|k-9 mail"
            + "|claws mail|sylpheed|kmail|mailmate|airmail|spark|zimbra|sogo|open-xchange|horde|squirrelmail"
            + "|android mail|samsung mail|yahoo mail|gmail)");

    /**
     * The classification of one message.
     *
     * @param messageClass  the class
     * @param cues          the cues, headers first then wording in the order found
     * @param marketing     the marketing cue count
     * @param transactional the transactional cue count
     * @param security      the security cue count
     * @param personal      the personal cue count
     */
    public record Result(MessageClass messageClass, List<ClassificationCue> cues, int marketing, int transactional,
            int security, int personal) {
        public Result {
            cues = List.copyOf(cues);
        }

        /** @return true when at least one cue points to {@code c}. */
        public boolean has(MessageClass c) {
            return cues.stream().anyMatch(cue -> cue.pointsTo() == c);
        }
    }

    private final RuleSet rules;
    private final List<ClassificationPhrase> phrases;
    /** Which phrases may match a text, in one pass over it. */
    private final PatternPrefilter filter;
    /** The class each phrase points to, by index; null for a class name this version does not know (skipped). */
    private final MessageClass[] phraseClasses;
    /** The phrases asking to confirm a subscription ({@value #SUBSCRIPTION_WORDING}), tried on link texts. */
    private final List<ClassificationPhrase> subscriptionPhrases;

    /** @param rules the rule set: classification phrases and vendor categories */
    public MessageClassifier(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.phrases = rules.classificationPhrases();
        this.filter = PatternPrefilter.of(phrases.stream().map(ClassificationPhrase::pattern).toList());
        this.phraseClasses = new MessageClass[phrases.size()];
        this.subscriptionPhrases = phrases.stream().filter(ph -> SUBSCRIPTION_WORDING.equals(cueCode(ph))
                && "TRANSACTIONAL".equals(ph.messageClass())).toList();
        for (int k = 0; k < phrases.size(); k++) {
            try {
                phraseClasses[k] = MessageClass.valueOf(phrases.get(k).messageClass());
            } catch (IllegalArgumentException e) {
                phraseClasses[k] = null;
            }
        }
    }

    /**
     * @param email    the message
     * @param findings what {@code detect} found (unsubscribe links, trackers and their vendors)
     * @param texts    the visible texts of its bodies
     * @return the class and its cues
     */
    public Result classify(ReceivedEmail email, Findings findings, List<VisibleText> texts) {
        List<ClassificationCue> cues = new ArrayList<>();
        email.header("List-Unsubscribe").ifPresent(v -> cues.add(cue(LIST_UNSUBSCRIBE_HEADER, MessageClass.MARKETING,
                "List-Unsubscribe: " + v)));
        email.header("List-Id").ifPresent(v -> cues.add(cue(LIST_ID_HEADER, MessageClass.MARKETING, "List-Id: " + v)));
        email.headers("Precedence").stream().filter(v -> PRECEDENCE.matcher(v).find()).findFirst()
                .ifPresent(v -> cues.add(cue(PRECEDENCE_BULK, MessageClass.MARKETING, "Precedence: " + v)));
        if (findings != null && findings.has(ConsentMarkerType.UNSUBSCRIBE_LINK)) {
            findings.consentMarkers().stream().filter(m -> m.type() == ConsentMarkerType.UNSUBSCRIBE_LINK).findFirst()
                    .ifPresent(m -> cues.add(cue(UNSUBSCRIBE_LINK, MessageClass.MARKETING, m.text())));
        }
        if (findings != null) {
            for (Tracker t : findings.trackers()) {
                if (t.vendorDetails() == null) {
                    continue;
                }
                String category = rules.vendor(t.vendorDetails().id()).map(v -> v.category()).orElse("");
                if (category.equals("marketing-automation") || category.equals("ad-tech")) {
                    cues.add(cue(MARKETING_VENDOR, MessageClass.MARKETING, t.vendorDetails().name() + ", " + t.host()));
                    break;
                }
            }
        }
        if (email.header("In-Reply-To").isPresent() || email.header("References").isPresent()) {
            cues.add(cue(REPLY_HEADERS, MessageClass.PERSONAL, email.header("In-Reply-To").map(v -> "In-Reply-To: " + v)
                    .orElseGet(() -> "References: " + email.header("References").orElse(""))));
        }
        String subject = email.header("Subject").orElse("");
        if (REPLY_PREFIX.matcher(subject).find()) {
            cues.add(cue(REPLY_SUBJECT, MessageClass.PERSONAL, "Subject: " + subject));
        }
        for (String h : List.of("X-Mailer", "User-Agent")) {
            email.header(h).filter(v -> MAIL_CLIENT.matcher(v).find())
                    .ifPresent(v -> cues.add(cue(PERSONAL_MAIL_CLIENT, MessageClass.PERSONAL, h + ": " + v)));
        }
        boolean confirmation = wording(subject, texts, cues);
        if (confirmation) {
            cues.add(cue(SUBJECT_CONFIRMATION, MessageClass.TRANSACTIONAL, "Subject: " + subject));
        }
        String confirmationLink = cues.stream().anyMatch(c -> c.code().equals(SUBSCRIPTION_WORDING))
                ? confirmationLink(findings) : null;
        if (confirmationLink != null) {
            cues.add(cue(SUBSCRIPTION_CONFIRMATION, MessageClass.TRANSACTIONAL, confirmationLink));
        }
        Set<String> notCounted = confirmationLink != null ? NOT_COUNTED_IN_A_CONFIRMATION_REQUEST
                : confirmation ? LIST_HEADERS : Set.of();
        int ignored = (int) cues.stream().filter(c -> c.pointsTo() == MessageClass.MARKETING
                && notCounted.contains(c.code())).count();

        int m = count(cues, MessageClass.MARKETING);
        int t = count(cues, MessageClass.TRANSACTIONAL);
        int s = count(cues, MessageClass.SECURITY);
        int p = count(cues, MessageClass.PERSONAL);
        MessageClass c = decide(m - ignored, t, s, p);
        return new Result(c, cues, m, t, s, p);
    }

    /**
     * @return the evidence of the message's subscription-confirmation link ("link text" → host/path), or
     *         {@code null} when it has none: a link to a vendor's confirmation endpoint, else a link whose visible
     *         text is a {@value #SUBSCRIPTION_WORDING} phrase
     */
    private String confirmationLink(Findings findings) {
        if (findings == null) {
            return null;
        }
        Link endpoint = null;
        for (Link l : findings.links()) {
            if (l.subscriptionConfirmation() && (endpoint == null || endpoint.text() == null
                    || endpoint.text().isBlank())) {
                endpoint = l; // the first one, or the first with a text to quote
            }
        }
        if (endpoint != null) {
            return linkEvidence(endpoint);
        }
        for (Link l : findings.links()) {
            if (l.text() == null || l.text().isBlank() || l.host() == null) {
                continue;
            }
            String text = NormalizedText.normalize(l.text());
            for (ClassificationPhrase phrase : subscriptionPhrases) {
                if (phrase.pattern().matcher(text).find()) {
                    return linkEvidence(l);
                }
            }
        }
        return null;
    }

    /** @return "“text” → host/path" of a link; not its query or fragment, which may name the subscriber. */
    private static String linkEvidence(Link l) {
        String where = UrlParts.parse(l.url()).filter(u -> u.host() != null).map(u -> u.host() + u.path())
                .orElse(l.host());
        String text = l.text() == null ? "" : WHITE_SPACE.matcher(l.text()).replaceAll(" ").trim();
        if (text.length() > MAX_LINK_TEXT_CHARS) {
            text = text.substring(0, MAX_LINK_TEXT_CHARS - 1) + "\u2026";
        }
        return (text.isEmpty() ? "" : "\u201c" + text + "\u201d \u2192 ") + where;
    }

    /** The decision rule of the class javadoc. */
    static MessageClass decide(int marketing, int transactional, int security, int personal) {
        int service = transactional + security;
        if (dominates(marketing, service, personal)) {
            return MessageClass.MARKETING;
        }
        if (dominates(service, marketing, personal)) {
            return security >= transactional ? MessageClass.SECURITY : MessageClass.TRANSACTIONAL;
        }
        if (dominates(personal, marketing, service)) {
            return MessageClass.PERSONAL;
        }
        return MessageClass.UNKNOWN;
    }

    private static boolean dominates(int score, int other1, int other2) {
        return score >= 1 && score >= 2 * other1 && score >= 2 * other2;
    }

    /** @return true when an order, booking or account phrase matched in a subject holding a confirmation word */
    private boolean wording(String subject, List<VisibleText> texts, List<ClassificationCue> cues) {
        boolean confirmation = false;
        NormalizedText normalizedSubject = subject.isBlank() ? null : NormalizedText.of(subject);
        boolean subjectConfirms = normalizedSubject != null
                && CONFIRMATION_WORD.matcher(normalizedSubject.text()).find();
        Set<String> done = new LinkedHashSet<>();
        List<NormalizedText> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (normalizedSubject != null) {
            sources.add(normalizedSubject);
            labels.add("Subject: ");
        }
        for (VisibleText vt : texts) {
            String text = vt.text();
            sources.add(NormalizedText.of(text.length() > MAX_CHARS_PER_BODY ? text.substring(0, MAX_CHARS_PER_BODY)
                    : text));
            labels.add("");
        }
        List<PatternPrefilter.Candidates> candidates = new ArrayList<>(sources.size());
        for (NormalizedText nt : sources) {
            candidates.add(filter.candidates(nt.text()));
        }
        for (int k = 0; k < phrases.size(); k++) {
            ClassificationPhrase phrase = phrases.get(k);
            MessageClass c = phraseClasses[k];
            if (c == null) {
                continue;
            }
            for (int i = 0; i < sources.size() && !done.contains(phrase.id()); i++) {
                if (!candidates.get(i).mayMatch(k)) {
                    continue; // none of the words the phrase needs is in this text
                }
                NormalizedText nt = sources.get(i);
                Cancellation.check(); // per pattern run over a body's text
                Matcher matcher = phrase.pattern().matcher(nt.text());
                if (candidates.get(i).find(k, matcher, 0)) { // as matcher.find(), only where the phrase may start
                    done.add(phrase.id());
                    String excerpt = excerpt(nt, matcher.start(), matcher.end());
                    String code = cueCode(phrase);
                    cues.add(cue(code, c, labels.get(i) + excerpt));
                    if (i == 0 && subjectConfirms && c == MessageClass.TRANSACTIONAL
                            && CONFIRMED_CUES.contains(code.substring(0, code.length() - "-wording".length()))) {
                        confirmation = true;
                    }
                }
            }
        }
        return confirmation;
    }

    private static String excerpt(NormalizedText nt, int start, int end) {
        int from = Math.max(0, start - 60);
        int to = Math.min(nt.text().length(), end + 60);
        String s = nt.originalSlice(from, to);
        return (from > 0 ? "\u2026" : "") + s + (to < nt.text().length() ? "\u2026" : "");
    }

    /** @return {@code <cue>-wording} from a phrase id {@code <language>.<cue>.<name>}, or a class-based code. */
    static String cueCode(ClassificationPhrase phrase) {
        String[] parts = phrase.id().split("\\.");
        if (parts.length == 3 && !parts[1].isEmpty()
                && !CLASS_SEGMENTS.contains(parts[1].toUpperCase(Locale.ROOT))) {
            return parts[1] + "-wording";
        }
        return switch (phrase.messageClass()) {
            case "MARKETING" -> "promotional-wording";
            case "SECURITY" -> "security-wording";
            case "PERSONAL" -> "person-to-person-wording";
            default -> phrase.messageClass().toLowerCase(Locale.ROOT) + "-wording";
        };
    }

    private static int count(List<ClassificationCue> cues, MessageClass c) {
        return (int) cues.stream().filter(x -> x.pointsTo() == c).count();
    }

    private static ClassificationCue cue(String code, MessageClass c, String evidence) {
        String e = evidence == null ? null : NormalizedText.normalize(evidence).isEmpty() ? evidence
                : WHITE_SPACE.matcher(evidence).replaceAll(" ").trim();
        if (e != null && e.length() > 200) {
            e = e.substring(0, 199) + "\u2026";
        }
        return new ClassificationCue(code, c, e);
    }
}
