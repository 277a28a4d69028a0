package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.rules.PatternPrefilter;
import org.pixelproof.rules.RequiredLiterals;

/**
 * Reads the sender's legal identity in the visible text of a message, the way its footer ("mentions légales",
 * "Impressum") gives it: company names with a legal form, postal addresses, SIREN/SIRET and VAT numbers, foreign
 * register numbers, the DPO's contact, and data-protection notices with the contact where rights can be exercised.
 *
 * <p>Hostile input (giant footers, long digit runs) is expected: every pattern is linear, with bounded repetitions
 * and possessive or lazy bounded spans only, and windows after labels are at most {@value #LABEL_WINDOW} characters.
 * Numbers are only read after a label (SIREN, SIRET, RCS, TVA, VAT...), never from a bare run of digits, so phone
 * numbers and amounts are not taken for identifiers. Stateless and thread-safe.
 */
final class FooterReader {
    /** Characters read after a label (SIREN, RCS, TVA, DPO...) to find its value. */
    static final int LABEL_WINDOW = 90;
    private static final int DPO_WINDOW = 220;
    private static final int MAX_FACTS = 200;

    /**
     * One fact read from the text.
     *
     * @param field    a {@link SenderClue#field()} value
     * @param value    the value
     * @param start    its offset in the text read
     * @param end      its end offset
     * @param evidence the sentence it was read from (at most 300 characters)
     * @param valid    for {@code siren}, {@code siret} and {@code vat-number}: the check key result; else true
     */
    record Fact(String field, String value, int start, int end, String evidence, boolean valid) {
    }

    private FooterReader() {
    }

    // ------------------------------------------------------------------ patterns

    /**
     * The legal forms a company name ends with: French (SA, SAS, SARL...), German and Austrian (GmbH, the "mbH" that
     * ends a compound such as "Verlagsgesellschaft mbH", AG, KG, KGaA, OHG, GbR, e.V., e.K., GmbH &amp; Co. KG...),
     * British and American, Dutch and Belgian (B.V., N.V., V.O.F., BVBA, VZW), Spanish (S.L., S.L.U., S.A.U.), Italian
     * (S.p.A., S.r.l., S.r.l.s., S.a.s., S.n.c.), Portuguese and Nordic ones. Forms that are also ordinary words or
     * models ("eG", "SL", "CV") are left out: a name read from them would too often be invented. Case-sensitive.
     */
    static final Pattern LEGAL_FORM = Pattern.compile(
            "(?<![\\p{L}\\p{N}.])(?:SASU|SAS|S\\.A\\.S\\.?|SARL|S\\.A\\.R\\.L\\.?|EURL|SA|S\\.A\\.U\\.?|S\\.A\\.|SCI|SNC|SCS|SCA"
                    + "|SCOP|SELARL|SELAS|GIE|SEM"
                    // German and Austrian forms; "mbH" ends a compound ("Verlagsgesellschaft mbH")
                    + "|(?:GmbH|mbH|AG|SE|UG(?: \\(haftungsbeschr\u00e4nkt\\))?) ?(?:&|\\+|und) ?Co\\.? ?(?:KG(?:aA)?|OHG)"
                    + "|GmbH|gGmbH|mbH|Ges\\.m\\.b\\.H\\.|GesmbH|AG|UG|KGaA|KG|OHG|GbR|e\\.V\\.|e\\.K\\.|PartG(?: ?mbB)?"
                    + "|Ltd\\.?|Limited|LLC|L\\.L\\.C\\.|LLP|PLC|plc|Inc\\.?|Corp\\.?|Corporation"
                    // Dutch and Belgian forms
                    + "|B\\.V\\.|BV|N\\.V\\.|NV|V\\.O\\.F\\.|VOF|BVBA|VZW|CommV"
                    // Spanish, Italian and Portuguese forms
                    + "|S\\.L\\.U?\\.?|SLU|S\\.p\\.A\\.?|SpA|s\\.p\\.a\\.?|S\\.r\\.l\\.s\\.?|Srls|S\\.r\\.l\\.?|s\\.r\\.l\\.?"
                    + "|Srl|SRL|S\\.a\\.s\\.|S\\.n\\.c\\.|Lda\\.?|Ltda\\.?"
                    + "|AB|A/S|ApS|Oy|SE)(?![\\p{L}\\p{N}])"
                    + "|(?i:soci[\u00e9e]t[\u00e9e] (?:par actions simplifi[\u00e9e]e(?: unipersonnelle)?|anonyme"
                    + "|[\u00e0a] responsabilit[\u00e9e] limit[\u00e9e]e|civile immobili[\u00e8e]re|en nom collectif))");
    private static final Set<String> ALLOWED_AFTER_FORM = Set.of("RCS", "R.C.S.", "SIREN", "SIRET", "TVA", "HRB",
            "HRA", "KVK", "CIF", "NIF", "VAT", "AU", "AM", "CAPITAL", "SITZ", "REGISTERED", "FR");
    private static final Set<String> CONNECTORS = Set.of("de", "des", "du", "la", "le", "les", "et", "and", "of",
            "f\u00fcr", "van", "der", "den", "von", "y", "e", "di", "del", "della", "&");
    /** Capitalised articles that may start a registered name. */
    private static final Set<String> ARTICLES = Set.of("Le", "La", "Les", "The", "Der", "Die", "Das", "Het",
            "El", "Il", "Lo");
    private static final Set<String> NAME_STOP = Set.of("copyright", "impressum", "herausgeber", "anbieter",
            "editeur", "\u00e9diteur", "publisher", "editor", "mentions", "legales", "l\u00e9gales", "siege",
            "si\u00e8ge", "societe", "soci\u00e9t\u00e9", "company", "firma", "unternehmen", "juridique", "forme",
            // link labels that footers put right before the company name ("Abmelden Katjes GmbH")
            "abmelden", "abbestellen", "unsubscribe", "d\u00e9sinscription", "desinscription", "d\u00e9sabonnement",
            "desabonnement", "afmelden", "uitschrijven", "datenschutz", "imprint");

    private static final String CITY = "(\\p{Lu}[\\p{L}'\\-]*+(?:[ \\-](?:(?i:cedex)(?: \\d{1,2}(?!\\d))?|sur|sous|en|le|la"
            + "|les|de|du|des|l[e\u00e8]s|lez|aux|et|\\p{Lu}[\\p{L}'\\-]*+)){0,4})";
    static final Pattern FR_ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{1,4}(?: ?- ?\\d{1,4})?(?: ?(?:bis|ter|[A-Da-d]))?,? (?i:rue|avenue|av\\.|bd|boulevard"
                    + "|place|pl\\.|chemin|all[\u00e9e]e|impasse|quai|route|rte|cours|square|voie|passage|faubourg|fg"
                    + "|rond-point|esplanade|parvis|sentier|cit[\u00e9e]|r[\u00e9e]sidence|lotissement|hameau|lieu-dit"
                    + "|parc|zac|zi|za|zone|domaine|mail|promenade|villa|traverse|mont[\u00e9e]e|carrefour|port)"
                    + "(?![\\p{L}])[^\\n]{1,80}?(?<![\\p{L}\\p{N}])\\d{5}(?![\\p{L}\\p{N}])[ ,]{1,3}" + CITY);
    /** The words that end a German or Dutch street name ("Hauptstraße", "Keizersgracht"), as an alternation. */
    private static final String DE_NL_STREET_ENDS = "strasse|stra\u00dfe|str\\."
            + "|weg|platz|allee|gasse|ring|damm|ufer|laan|straat|plein|gracht|kade|dijk|singel|steenweg";
    /** The street name of {@link #DE_NL_ADDRESS}: up to three capitalised words, then the word ending the name. */
    private static final String DE_NL_STREET = "(?<![\\p{L}])(?:\\p{Lu}[\\p{L}\\-]{0,30}+ ){0,3}\\p{L}[\\p{L}\\-.]{0,40}+";
    static final Pattern DE_NL_ADDRESS = Pattern.compile(
            DE_NL_STREET + "(?<=(?i:" + DE_NL_STREET_ENDS + "))"
                    + " ?\\d{1,4}[a-z]?"
                    + " ?[,\u00b7|\\-\u2013]? ?(?:(?:D|A|CH|NL|B)-)?(?:\\d{4} ?[A-Z]{2}|\\d{4,5})(?![\\p{L}\\p{N}]) "
                    + "\\p{Lu}[\\p{L}\\-]+(?: (?:am|an|im|a\\.|\\p{Lu}[\\p{L}\\-]+))?");
    /**
     * What every {@link #DE_NL_ADDRESS} match holds: a street-name ending followed by its house number. Cheap to look
     * for (a match starts at a literal), unlike the address itself, whose match may start 270 characters earlier.
     */
    static final Pattern DE_NL_STREET_NUMBER = Pattern.compile("(?i:" + DE_NL_STREET_ENDS + ")(?= ?\\d)");
    /**
     * The most characters a {@link #DE_NL_ADDRESS} match consumes before its street ending ends (the street name), so
     * that it starts at most this far before the end of a {@link #DE_NL_STREET_NUMBER} match.
     */
    static final int DE_NL_REACH = RequiredLiterals.maxLength(DE_NL_STREET);
    /** Most street endings followed by a number remembered per text; past it the address is searched everywhere. */
    private static final int MAX_STREET_NUMBERS = 100;
    static final Pattern LATIN_ADDRESS = Pattern.compile(
            "(?<![\\p{L}])(?:Calle|C/|Avenida|Avda\\.|Plaza|Paseo|Via|Viale|Piazza|Corso|Rua|Travessa|Largo|Pra\u00e7a"
                    + "|Praca) [^\\n,]{2,50}?,? ?(?:n[\u00ba\u00b0o]\\.? ?)?\\d{1,4}[^\\n]{0,30}?(?<![\\p{L}\\p{N}])"
                    + "(?:\\d{5}|\\d{4}-\\d{3})(?![\\p{L}\\p{N}]) \\p{Lu}[\\p{L}\\-]+");
    static final Pattern ANGLO_ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{1,5} (?:\\p{Lu}[\\p{L}.]{0,30} ){1,4}(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?"
                    + "|Boulevard|Blvd\\.?|Drive|Dr\\.?|Lane|Ln\\.?|Way|Place|Court|Suite|Square)(?![\\p{L}])[^\\n]{0,60}?"
                    + "(?<![\\p{L}\\p{N}])(?:[A-Z]{2} \\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2})(?![\\p{L}\\p{N}])");

    static final Pattern REGISTRATION_LABEL = Pattern.compile(
            "(?<![\\p{L}])(?:SIREN|SIRET|Siren|Siret|siren|siret|RCS|R\\.C\\.S\\.?"
                    + "|(?i:n[\u00b0o] ?(?:de )?tva(?: intracommunautaire)?|tva intra(?:communautaire)?"
                    + "|num[\u00e9e]ro (?:de )?tva(?: intracommunautaire)?|identifiant tva|tva|vat(?: no\\.?| number"
                    + "| reg(?:istration)?\\.?(?: no\\.?)?)?))(?![\\p{L}])");
    private static final Pattern NUMBER_AFTER_LABEL = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(FR) ?([0-9A-HJ-NP-Z]{2}) ?)?(\\d{3})[ .]?(\\d{3})[ .]?(\\d{3})(?:[ .]?(\\d{5}))?"
                    + "(?![\\p{N}])");
    private static final Pattern FOREIGN_VAT_AFTER_LABEL = Pattern.compile(
            "(?<![\\p{L}])(?:AT|BE|DE|DK|ES|FI|GB|IE|IT|LU|NL|PT|SE|PL|CH)(?: ?[0-9A-Z]){8,12}(?![\\p{L}\\p{N}])");
    static final Pattern FOREIGN_REGISTRATION = Pattern.compile(
            "(?<![\\p{L}])(?:HRB|HRA) ?\\d{1,7}(?: ?[A-Z]{1,2}(?![\\p{L}]))?(?![\\p{N}])"
                    + "|(?i:kvk(?:-nummer)?|kamer van koophandel)[: ]{1,3}\\d{8}(?![\\p{N}])"
                    + "|(?<![\\p{L}])(?:CIF|NIF)[: ]{1,3}[A-Z]?\\d{7,8}[A-Z]?(?![\\p{L}\\p{N}])"
                    + "|(?i:p\\.? ?iva|partita iva)[: ]{1,3}(?:IT)? ?\\d{11}(?![\\p{N}])"
                    + "|(?i:company (?:no\\.?|number|registration(?: number)?)|registered in england(?: and wales)?"
                    + "(?: (?:no\\.?|number|under number))?)[: ]{1,3}\\d{6,8}(?![\\p{N}])");
    static final Pattern GERMAN_VAT = Pattern.compile(
            "(?i:ust-?id(?:nr)?\\.?|ust\\.-?id\\.?-?nr\\.?|umsatzsteuer-?id(?:entifikationsnummer)?)[:. ]{1,3}"
                    + "(DE ?\\d{3} ?\\d{3} ?\\d{3})(?![\\p{N}])");

    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-])[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}\\.){1,8}"
                    + "[A-Za-z]{2,24}(?![\\p{L}\\p{N}])");
    static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)[^\\s<>\"')\\]]{3,300}");
    static final Pattern DPO_LOCAL_PART = Pattern.compile("(?i)^(?:dpo|dpd|privacy|dataprotection|data-protection"
            + "|data\\.protection|datenschutz|rgpd|gdpr|cil|donnees-?personnelles|protection-?(?:des-?)?donnees"
            + "|informatique-?et-?libertes|privacidad|privacidade|privacyoffice|privacy-office)(?:[._+\\-].{0,40})?$");
    static final Pattern DPO_LABEL = Pattern.compile(
            "(?i:d[\u00e9e]l[\u00e9e]gu[\u00e9e]e? (?:[\u00e0a] la )?protection des donn[\u00e9e]es|data protection officer"
                    + "|datenschutzbeauftragte[rn]?|functionaris (?:voor )?gegevensbescherming"
                    + "|delegado de prote[c\u00e7][c\u00e7][a\u00e3]o de dados|delegado de protecci[o\u00f3]n de datos"
                    + "|responsabile della protezione dei dati|correspondant informatique et libert[\u00e9e]s)"
                    + "|(?<![\\p{L}])(?:DPO|DPD|CIL)(?![\\p{L}])");
    static final Pattern RIGHTS_NOTICE = Pattern.compile(
            "(?i:loi (?:\u00ab ?|\" ?|n[\u00b0o] ?78-17 )?informatique (?:et|&) libert[\u00e9e]s"
                    + "|vos donn[\u00e9e]es personnelles sont trait[\u00e9e]es"
                    + "|droits? d'acc[\u00e8e]s|right (?:to|of) (?:access|object|erasure)|data protection act"
                    + "|datenschutz-grundverordnung|protection des donn[\u00e9e]es personnelles)"
                    + "|(?<![\\p{L}])(?:RGPD|GDPR|DSGVO)(?![\\p{L}])");

    /** The patterns run over the whole text, in the order of the indexes below, for {@link #FILTER}. */
    private static final List<Pattern> SCANNED = List.of(LEGAL_FORM, FR_ADDRESS, DE_NL_ADDRESS, LATIN_ADDRESS,
            ANGLO_ADDRESS, REGISTRATION_LABEL, GERMAN_VAT, FOREIGN_REGISTRATION, EMAIL, URL, DPO_LABEL, RIGHTS_NOTICE,
            DE_NL_STREET_NUMBER);
    private static final int I_LEGAL_FORM = 0;
    private static final int I_FIRST_ADDRESS = 1;
    private static final int I_REGISTRATION_LABEL = 5;
    private static final int I_GERMAN_VAT = 6;
    private static final int I_FOREIGN_REGISTRATION = 7;
    private static final int I_EMAIL = 8;
    private static final int I_URL = 9;
    private static final int I_DPO_LABEL = 10;
    private static final int I_RIGHTS_NOTICE = 11;
    private static final int I_DE_NL_STREET_NUMBER = 12;
    /**
     * Which of {@link #SCANNED} may match a text, in one pass: a pattern none of whose required words (a street type,
     * a label, {@code @}...) is in the text is not run at all.
     */
    private static final PatternPrefilter FILTER = PatternPrefilter.of(SCANNED);

    /**
     * {@code m.find(from)} over {@code t}, trying only where the prefilter allows a match of {@code SCANNED[index]}
     * to start.
     */
    private static boolean find(PatternPrefilter.Candidates may, int index, Matcher m, int from, String t) {
        return from <= t.length() && may.find(index, m, from);
    }

    /** @return where the next search starts after a match, as {@link Matcher#find()} goes on. */
    private static int after(Matcher m) {
        return m.end() == m.start() ? m.end() + 1 : m.end();
    }

    // ------------------------------------------------------------------ reading

    /**
     * @param text visible text (paragraphs separated by {@code '\n'}), e.g. {@link VisibleText#text()}
     * @return the facts found, in text order, at most 200
     */
    static List<Fact> read(String text) {
        String t = text.replace('\u2019', '\'').replace('\u2018', '\'').replace(VisibleText.LINE_SEPARATOR, ' ');
        List<Fact> facts = new ArrayList<>();
        PatternPrefilter.Candidates may = FILTER.candidates(t);
        if (may.mayMatch(I_LEGAL_FORM)) {
            names(t, facts, may);
        }
        boolean[] addressPossible = new boolean[ADDRESSES.size()];
        for (int k = 0; k < addressPossible.length; k++) {
            addressPossible[k] = may.mayMatch(I_FIRST_ADDRESS + k);
        }
        int[] streetNumbers = null; // DE_NL_ADDRESS: only before a street ending followed by a number
        if (addressPossible[1]) {
            streetNumbers = streetNumberEnds(t, may);
            addressPossible[1] = streetNumbers == null || streetNumbers.length > 0;
        }
        addresses(t, facts, may, addressPossible, streetNumbers);
        registrations(t, facts, may);
        dpo(t, facts, may, addressPossible);
        if (may.mayMatch(I_RIGHTS_NOTICE)) {
            rights(t, facts, may, addressPossible);
        }
        facts.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return facts.size() > MAX_FACTS ? List.copyOf(facts.subList(0, MAX_FACTS)) : facts;
    }

    private static void add(List<Fact> facts, String field, String value, int start, int end, String text,
            boolean valid) {
        if (facts.size() >= MAX_FACTS * 2) {
            return;
        }
        facts.add(new Fact(field, value, start, end, evidence(text, start, end), valid));
    }

    private static String evidence(String text, int start, int end) {
        return ConsentMarkerFinder.sentenceAround(text, start, end, 300);
    }

    // --- company names: "<Capitalised words> <legal form>"

    private static void names(String t, List<Fact> facts, PatternPrefilter.Candidates may) {
        Matcher m = LEGAL_FORM.matcher(t);
        for (int from = 0; find(may, I_LEGAL_FORM, m, from, t); from = after(m)) {
            if (shoutingAfter(t, m.end())) {
                continue;
            }
            String name = nameBefore(t, m.start());
            if (name == null) {
                continue;
            }
            // "Beispiel Versicherungs-AG": a form joined to the name by a hyphen stays joined
            boolean joined = m.start() > 0 && t.charAt(m.start() - 1) == '-';
            String value = name + (joined ? "" : " ") + m.group();
            add(facts, "organisation-name", value, m.start() - name.length() - (joined ? 0 : 1), m.end(), t, true);
        }
    }

    /** True when the legal form is followed by an all-capitals word that is not a registration keyword. */
    private static boolean shoutingAfter(String t, int end) {
        int i = end;
        while (i < t.length() && t.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < t.length() && j - i < 20 && (Character.isLetter(t.charAt(j)) || t.charAt(j) == '.')) {
            j++;
        }
        if (j - i < 2) {
            return false;
        }
        String word = t.substring(i, j);
        return word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
                && !ALLOWED_AFTER_FORM.contains(word.toUpperCase(Locale.ROOT));
    }

    /** @return up to six name tokens before {@code formStart}, or null when none qualifies. */
    private static String nameBefore(String t, int formStart) {
        int i = formStart - 1;
        while (i >= 0 && t.charAt(i) == ' ') {
            i--;
        }
        if (i >= 0 && t.charAt(i) == ',') {
            i--;
            while (i >= 0 && t.charAt(i) == ' ') {
                i--;
            }
        }
        int end = i + 1;
        int start = end;
        int tokens = 0;
        while (i >= 0 && tokens < 6) {
            int tokenEnd = i + 1;
            while (i >= 0 && isNameChar(t.charAt(i))) {
                i--;
            }
            int tokenStart = i + 1;
            if (tokenStart == tokenEnd) {
                break;
            }
            String token = t.substring(tokenStart, tokenEnd);
            int apostrophe = token.lastIndexOf('\'');
            if (apostrophe == 1 && token.charAt(0) == 'L' && apostrophe + 1 < token.length()
                    && Character.isUpperCase(token.charAt(apostrophe + 1))) {
                start = tokenStart; // "L'Atelier": the capitalised article is part of the name
                tokens++;
                break;
            }
            if (apostrophe > 0 && apostrophe <= 2 && apostrophe + 1 < token.length()
                    && Character.isUpperCase(token.charAt(apostrophe + 1))) {
                start = tokenStart + apostrophe + 1; // "d'Amazon" -> "Amazon", and the name starts there
                tokens++;
                break;
            }
            if (tokens > 0 && endsSentence(token)) {
                break; // "Abmelden. Katjes GmbH": a word closing the sentence before is not part of the name
            }
            boolean capital = Character.isUpperCase(token.codePointAt(0))
                    || Character.isDigit(token.charAt(0)) && token.chars().anyMatch(Character::isLetter);
            boolean connector = CONNECTORS.contains(token.toLowerCase(Locale.ROOT));
            if (!capital && !connector || NAME_STOP.contains(token.toLowerCase(Locale.ROOT))) {
                break;
            }
            start = tokenStart;
            tokens++;
            if (i < 0 || t.charAt(i) != ' ') {
                break; // a separator (| · : ( newline...) ends the name
            }
            i--;
        }
        if (start >= end) {
            return null;
        }
        String name = t.substring(start, end).trim();
        // drop leading connectors ("de", "la"...), but keep a capitalised article that starts the name
        // ("Le Courrier du Matin SA", "La Poste SA"): it is part of the registered name
        while (true) {
            int sp = name.indexOf(' ');
            if (sp < 0 || !CONNECTORS.contains(name.substring(0, sp).toLowerCase(Locale.ROOT))) {
                break;
            }
            String first = name.substring(0, sp);
            if (ARTICLES.contains(first) && sp + 1 < name.length()
                    && Character.isUpperCase(name.codePointAt(sp + 1))) {
                break;
            }
            name = name.substring(sp + 1);
        }
        if (name.isEmpty() || CONNECTORS.contains(name.toLowerCase(Locale.ROOT))
                || name.chars().noneMatch(Character::isLetter)) {
            return null;
        }
        return name;
    }

    /**
     * True when a token ends a sentence rather than abbreviates a word: it ends with a full stop, and either holds no
     * other one and has five letters or more (unlike "Co.", "Dr.", "Ste.", "Gebr.") or a digit and five characters or
     * more ("NL809073766B01."), or is itself a legal form ("Ledger SAS. Ledger SAS": the name before ends there).
     */
    static boolean endsSentence(String token) {
        if (!token.endsWith(".") || token.length() < 2) {
            return false;
        }
        String bare = token.substring(0, token.length() - 1);
        if (LEGAL_FORM.matcher(token).matches() || LEGAL_FORM.matcher(bare).matches()) {
            return true;
        }
        if (bare.indexOf('.') >= 0) {
            return false;
        }
        return bare.chars().filter(Character::isLetter).count() > 4
                || bare.length() > 4 && bare.chars().anyMatch(Character::isDigit);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '&' || c == '.' || c == '\'' || c == '-';
    }

    // --- postal addresses

    private static final List<Pattern> ADDRESSES = List.of(FR_ADDRESS, DE_NL_ADDRESS, LATIN_ADDRESS, ANGLO_ADDRESS);

    private static void addresses(String t, List<Fact> facts, PatternPrefilter.Candidates may, boolean[] possible,
            int[] streetNumbers) {
        for (int k = 0; k < ADDRESSES.size(); k++) {
            if (!possible[k]) {
                continue;
            }
            Matcher m = ADDRESSES.get(k).matcher(t);
            boolean nearStreetNumbers = k == 1 && streetNumbers != null;
            for (int from = 0; nearStreetNumbers ? findBefore(m, from, t, streetNumbers)
                    : find(may, I_FIRST_ADDRESS + k, m, from, t); from = after(m)) {
                if (overlapsAddress(facts, m.start(), m.end())) {
                    continue;
                }
                add(facts, "postal-address", m.group().trim(), m.start(), m.end(), t, true);
            }
        }
    }

    /**
     * @return the ends of the {@link #DE_NL_STREET_NUMBER} matches in {@code t}, ascending, or {@code null} when there
     *         are more than {@link #MAX_STREET_NUMBERS}
     */
    private static int[] streetNumberEnds(String t, PatternPrefilter.Candidates may) {
        int[] ends = new int[8];
        int n = 0;
        Matcher h = DE_NL_STREET_NUMBER.matcher(t);
        for (int from = 0; find(may, I_DE_NL_STREET_NUMBER, h, from, t); from = after(h)) {
            if (n == MAX_STREET_NUMBERS) {
                return null;
            }
            if (n == ends.length) {
                ends = java.util.Arrays.copyOf(ends, n * 2);
            }
            ends[n++] = h.end();
        }
        return java.util.Arrays.copyOf(ends, n);
    }

    /**
     * {@code m.find(from)} for {@link #DE_NL_ADDRESS}, trying only the starts within {@link #DE_NL_REACH} before the
     * end of a street ending followed by a number: every match's look-behind ends at one of those ends (a street
     * ending followed by a space or digit cannot overlap another, so the leftmost search of
     * {@link #DE_NL_STREET_NUMBER} meets them all).
     */
    private static boolean findBefore(Matcher m, int from, String t, int[] ends) {
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        int tried = from - 1;
        for (int end : ends) {
            for (int pos = Math.max(tried + 1, Math.max(from, end - DE_NL_REACH)); pos < end; pos++) {
                m.region(pos, t.length());
                if (m.lookingAt()) {
                    return true;
                }
            }
            tried = Math.max(tried, end - 1);
        }
        return false;
    }

    private static boolean overlapsAddress(List<Fact> facts, int start, int end) {
        for (Fact f : facts) {
            if (f.field().equals("postal-address") && f.start() < end && start < f.end()) {
                return true;
            }
        }
        return false;
    }

    // --- SIREN, SIRET, VAT, foreign registers

    private static void registrations(String t, List<Fact> facts, PatternPrefilter.Candidates may) {
        Matcher label = REGISTRATION_LABEL.matcher(t);
        int consumedTo = 0;
        for (int from = 0; find(may, I_REGISTRATION_LABEL, label, from, t); from = after(label)) {
            if (label.start() < consumedTo) {
                continue;
            }
            int windowEnd = Math.min(t.length(), label.end() + LABEL_WINDOW);
            int nl = t.indexOf('\n', label.end());
            if (nl >= 0 && nl < windowEnd) {
                windowEnd = nl;
            }
            String labelText = label.group().toLowerCase(Locale.ROOT);
            boolean vatLabel = labelText.contains("tva") || labelText.startsWith("vat");
            Matcher n = NUMBER_AFTER_LABEL.matcher(t).region(label.end(), windowEnd);
            n.useTransparentBounds(true);
            if (n.find()) {
                consumedTo = n.end();
                if (n.group(1) != null) {
                    String vat = "FR" + n.group(2) + n.group(3) + n.group(4) + n.group(5);
                    String siren = n.group(3) + n.group(4) + n.group(5);
                    add(facts, "vat-number", vat, n.start(), n.end(), t, SirenCheck.isValidFrenchVat(vat));
                    add(facts, "siren", siren, n.start(), n.end(), t, SirenCheck.isValidSiren(siren));
                } else if (n.group(6) != null) {
                    String siret = n.group(3) + n.group(4) + n.group(5) + n.group(6);
                    add(facts, "siret", siret, n.start(), n.end(), t, SirenCheck.isValidSiret(siret));
                } else if (!vatLabel) {
                    String siren = n.group(3) + n.group(4) + n.group(5);
                    add(facts, "siren", siren, n.start(), n.end(), t, SirenCheck.isValidSiren(siren));
                }
                continue;
            }
            if (vatLabel) {
                Matcher f = FOREIGN_VAT_AFTER_LABEL.matcher(t).region(label.end(), windowEnd);
                f.useTransparentBounds(true);
                if (f.find()) {
                    consumedTo = f.end();
                    add(facts, "vat-number", f.group().replace(" ", ""), f.start(), f.end(), t, true);
                }
            }
        }
        Matcher de = GERMAN_VAT.matcher(t);
        for (int from = 0; find(may, I_GERMAN_VAT, de, from, t); from = after(de)) {
            add(facts, "vat-number", de.group(1).replace(" ", ""), de.start(), de.end(), t, true);
        }
        Matcher reg = FOREIGN_REGISTRATION.matcher(t);
        for (int from = 0; find(may, I_FOREIGN_REGISTRATION, reg, from, t); from = after(reg)) {
            add(facts, "registration-number", reg.group(), reg.start(), reg.end(), t, true);
        }
    }

    // --- DPO and data-protection notices

    private static void dpo(String t, List<Fact> facts, PatternPrefilter.Candidates may, boolean[] addressPossible) {
        Matcher e = EMAIL.matcher(t);
        for (int from = 0; find(may, I_EMAIL, e, from, t); from = after(e)) {
            String local = e.group().substring(0, e.group().indexOf('@'));
            if (DPO_LOCAL_PART.matcher(local).matches()) {
                add(facts, "dpo-contact", e.group(), e.start(), e.end(), t, true);
            }
        }
        Matcher label = DPO_LABEL.matcher(t);
        for (int from = 0; find(may, I_DPO_LABEL, label, from, t); from = after(label)) {
            int windowEnd = Math.min(t.length(), label.end() + DPO_WINDOW);
            String contact = contactIn(t, label.start(), label.end(), windowEnd, may, addressPossible);
            if (contact != null && facts.stream().noneMatch(f -> f.field().equals("dpo-contact")
                    && contact.contains(f.value()))) {
                add(facts, "dpo-contact", contact, label.start(), label.end(), t, true);
            }
        }
    }

    private static void rights(String t, List<Fact> facts, PatternPrefilter.Candidates may,
            boolean[] addressPossible) {
        Matcher m = RIGHTS_NOTICE.matcher(t);
        Set<String> seen = new java.util.HashSet<>();
        for (int from = 0; find(may, I_RIGHTS_NOTICE, m, from, t); from = after(m)) {
            String sentence = evidence(t, m.start(), m.end());
            if (!seen.add(sentence)) {
                continue; // one notice per sentence
            }
            add(facts, "data-protection-notice", NormalizedText.clip(sentence, 200), m.start(), m.end(), t, true);
            String contact = contactIn(t, m.start(), m.end(), paragraphEnd(t, m.end(), DPO_WINDOW), may,
                    addressPossible);
            if (contact != null) {
                add(facts, "rights-contact", contact, m.start(), m.end(), t, true);
            }
        }
    }

    /**
     * @return the first e-mail address, else URL, else postal address within {@code [from, windowEnd)}; for a postal
     *         address, the text from the label to the address's end (it names the recipient, e.g. "CIL, Groupe X,
     *         18 chemin ...")
     */
    private static String contactIn(String t, int labelStart, int from, int windowEnd,
            PatternPrefilter.Candidates may, boolean[] addressPossible) {
        if (may.mayMatch(I_EMAIL)) {
            Matcher e = EMAIL.matcher(t).region(from, windowEnd);
            e.useTransparentBounds(true);
            if (e.find()) {
                return e.group();
            }
        }
        if (may.mayMatch(I_URL)) {
            Matcher u = URL.matcher(t).region(from, windowEnd);
            u.useTransparentBounds(true);
            if (u.find()) {
                return trimUrl(u.group());
            }
        }
        for (int k = 0; k < ADDRESSES.size(); k++) {
            if (!addressPossible[k]) {
                continue; // not in the whole text, so not in this window either
            }
            Matcher a = ADDRESSES.get(k).matcher(t).region(from, Math.min(t.length(), windowEnd + 80));
            if (a.find() && a.start() < windowEnd) {
                return NormalizedText.clip(NormalizedText.collapse(t.substring(labelStart, a.end())), 200);
            }
        }
        return null;
    }

    /** @return the end of the paragraph holding {@code from}, at most {@code max} characters after it. */
    private static int paragraphEnd(String t, int from, int max) {
        int end = Math.min(t.length(), from + max);
        int nl = t.indexOf('\n', from);
        return nl >= 0 && nl < end ? nl : end;
    }

    private static String trimUrl(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
