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
 * <p>A company name is up to six capitalised words (with connectors such as "de", "of", "für", and a jurisdiction in
 * parentheses such as "(Ireland)") closed by a legal form, as written (a comma before "Inc." or "LLC" is kept), or
 * the whole name after a label ("Firma:", "Herausgeber:", "Éditeur :"). It is not taken when it is only single
 * letters or roman numerals ("B AG" of "HRB 1234 B, AG Charlottenburg"), when it lies inside a postal address that
 * starts with its house number, or, for a bare "mbH", when it names no "...gesellschaft". A heading in capitals
 * ("WELCOME TO"), a line of its own before it (a signature's "Software Developer"), a long hash, or a German common
 * noun before "der"/"von" ("Ein Newsletter der") is not part of it. The two-letter forms that are also everyday
 * abbreviations ({@link #AMBIGUOUS_FORMS}: SE, SA, AG, AB, NV, BV, UG) need more: a company word in the name
 * ("Holding", "Bank"), an address or register number around it, or a copyright mark or imprint label before it; and
 * never close a street ("Vermont Avenue SE") or a state before its postcode ("NV 89501").
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
    /**
     * The words that end a German, Austrian, Swiss or Dutch street name ("Hauptstraße", "Reiterstaffelplatz",
     * "Keizersgracht", "Technologiepark", "Neumarkt"), as an alternation.
     */
    private static final String DE_NL_STREET_ENDS = "strasse|stra\u00dfe|str\\."
            + "|weg|platz|allee|gasse|ring|damm|ufer|chaussee|graben|markt|hof|park|promenade"
            + "|laan|straat|plein|gracht|kade|dijk|singel|steenweg|dreef";
    /**
     * The street name of {@link #DE_NL_ADDRESS}: up to three capitalised words ("Frankfurter Allee", "Am Alten Weg"),
     * then the word ending the name. A legal form is not one of those words: the company's name before the street
     * ("Beispiel GmbH Hauptstraße 5") is not part of the address.
     */
    private static final String DE_NL_STREET = "(?<![\\p{L}])(?:(?!(?:GmbH|mbH|AG|KG|KGaA|OHG|UG|SE|GbR|BV|NV|Ltd|Inc) )"
            + "\\p{Lu}[\\p{L}\\-]{0,30}+ ){0,3}\\p{L}[\\p{L}\\-.]{0,40}+";
    /**
     * Between the street name and its house number: nothing, a space, or a comma ("Reiterstaffelplatz, 11", as
     * ActiveCampaign and GetResponse lay out an address whose street and number are separate fields).
     */
    private static final String DE_NL_NUMBER_SEP = " ?,? ?";
    /** A house number: "11", "15c", "53-57", "12/14". */
    private static final String DE_NL_HOUSE_NUMBER = "\\d{1,4}[a-zA-Z]?(?: ?[\\-\u2013/] ?\\d{1,4}[a-zA-Z]?)?";
    /**
     * Between the house number and what follows: a space, a comma, a full stop ("Katharinenring 30. 21409 Embsen"),
     * a middle dot, a bar, a dash or a bullet; or a line break, for an address block whose street and town are on
     * lines of their own.
     */
    private static final String DE_NL_AFTER_NUMBER = "(?:[ ,.]{0,3}\\n ?| ?[.,\u00b7|\\-\u2013\u2022]? ?)";
    /**
     * Words that start an imprint's next item, not a town's second word ("50668 Köln Vertreten durch ...") nor a town
     * written before its postcode ("Telefon 12345").
     */
    private static final String NOT_A_TOWN = "(?!(?:Vertreten|Vertretungsberechtigt|Gesch\u00e4ftsf\u00fchr|Inhaber"
            + "|Telefon|Tel|Fon|Fax|Mobil|Handy|Phone|Hotline|Kontakt|E-Mail|Email|Mail|Web|Internet|Registergericht"
            + "|Amtsgericht|Handelsregister|Sitz|USt|Steuer|Postfach|Tel\\.)(?![\\p{L}]))";
    /**
     * A German or Dutch town: a capitalised word, optionally followed by "am Main", "an der Ruhr", "im Breisgau",
     * "a. M.", "(Saale)" or a second capitalised word ("Capelle aan den IJssel" is read as "Capelle").
     */
    private static final String DE_NL_TOWN = NOT_A_TOWN + "\\p{Lu}[\\p{L}\\-]++(?: (?:(?:am|an der|an|im|in der|ob der"
            + "|bei) \\p{Lu}[\\p{L}\\-]++|a\\. ?\\p{Lu}\\.?|\\(\\p{Lu}[\\p{L}\\-]++\\)|" + NOT_A_TOWN
            + "\\p{Lu}[\\p{L}\\-]++))?";
    /**
     * A German, Austrian, Swiss, Dutch or Belgian street address: a street whose name ends with one of
     * {@link #DE_NL_STREET_ENDS}, its house number, then either the postcode and the town ("Hauptstraße 5, 10115
     * Berlin", "Lohmühlenstraße 65 | 12435 | Berlin", "Castroper Straße, 145, 44791, Bochum", "Keizersgracht 1,
     * 1015 CJ Amsterdam") or, as ESPs built for American addresses print them, the town, an optional region and a
     * 5-digit or Dutch postcode ("Albert-Hahn-Straße 20, Duisburg 47269", "Musterstraße 53-57 Emmerich am Rhein,
     * NRW 46446"). A bare 4-digit number after the town is not read as a postcode there (it is too often a year).
     */
    static final Pattern DE_NL_ADDRESS = Pattern.compile(
            DE_NL_STREET + "(?<=(?i:" + DE_NL_STREET_ENDS + "))" + DE_NL_NUMBER_SEP + DE_NL_HOUSE_NUMBER
                    + DE_NL_AFTER_NUMBER + "(?:(?:(?:D|A|CH|NL|B)-)?(?:\\d{4} ?[A-Z]{2}|\\d{4,5})(?![\\p{L}\\p{N}])"
                    + "(?: ?[,|\u00b7\u2022] ?| )" + DE_NL_TOWN
                    + "|" + DE_NL_TOWN + "(?:, ?(?:[A-Z]{2,3}|\\p{Lu}[\\p{L}\\-]++))?,? (?:\\d{5}|\\d{4} ?[A-Z]{2})"
                    + "(?![\\p{L}\\p{N}]))");
    /**
     * What every {@link #DE_NL_ADDRESS} match holds: a street-name ending followed by its house number. Cheap to look
     * for (a match starts at a literal), unlike the address itself, whose match may start 270 characters earlier.
     */
    static final Pattern DE_NL_STREET_NUMBER = Pattern.compile("(?i:" + DE_NL_STREET_ENDS + ")(?=" + DE_NL_NUMBER_SEP
            + "\\d)");
    /**
     * The most characters a {@link #DE_NL_ADDRESS} match consumes before its street ending ends (the street name), so
     * that it starts at most this far before the end of a {@link #DE_NL_STREET_NUMBER} match.
     */
    static final int DE_NL_REACH = RequiredLiterals.maxLength(DE_NL_STREET);
    /** Most street endings followed by a number remembered per text; past it the address is searched everywhere. */
    private static final int MAX_STREET_NUMBERS = 100;
    /**
     * A Spanish, Italian or Portuguese street address (Calle, Via, Rua...): the street, its number, then a 5-digit or
     * Portuguese "1234-567" postcode and the town; or, Brazilian style, the district and state before a "12345-678"
     * postcode, with or without "CEP" ("Avenida Exemplo, 3097, Butantã - SP - CEP 05339-900").
     */
    static final Pattern LATIN_ADDRESS = Pattern.compile(
            "(?<![\\p{L}])(?:Calle|C/|Avenida|Avda\\.|Plaza|Paseo|Via|Viale|Piazza|Corso|Rua|Travessa|Largo|Pra\u00e7a"
                    + "|Praca) [^\\n,]{2,50}?,? ?(?:n[\u00ba\u00b0o]\\.? ?)?\\d{1,4}(?:[^\\n]{0,30}?(?<![\\p{L}\\p{N}])"
                    + "(?:\\d{5}|\\d{4}-\\d{3})(?![\\p{L}\\p{N}]) \\p{Lu}[\\p{L}\\-]+|[^\\n]{0,50}?(?<![\\p{L}\\p{N}])"
                    + "(?:CEP:? ?)?\\d{5}-\\d{3}(?![\\p{L}\\p{N}]))");
    /** US state names, as written in full before a ZIP code ("New York, New York 10003"). */
    private static final String US_STATE_NAMES = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut"
            + "|Delaware|District of Columbia|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky"
            + "|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
            + "|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon"
            + "|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia"
            + "|Washington|West Virginia|Wisconsin|Wyoming";
    /** Australian states and territories, as written with their 4-digit postcode ("Melbourne 3000 VIC"). */
    private static final String AU_STATES = "VIC|NSW|QLD|SA|WA|TAS|ACT|NT";
    /**
     * An English-language street address: a number, up to four capitalised or ordinal words ("5th", "47th") and a
     * street type; or a post-office box ("P.O. Box 2841"). Then, on the same line or the next, a postcode: a US state
     * (two letters or in full) and ZIP code, a British postcode, a Canadian postcode ("L1G 6Z8") or an Australian
     * state and postcode ("3000 VIC", "NSW 2000").
     */
    static final Pattern ANGLO_ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:\\d{1,5}(?:-\\d{1,5})? (?:(?:\\p{Lu}[\\p{L}.]{0,30}|\\d{1,3}(?:st|nd|rd|th)) ){1,4}(?:Street|St\\."
                    + "|St(?=[,\\n])|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Drive|Dr\\.?|Lane|Ln\\.?|Way|Place"
                    + "|Court|Ct\\.?|Suite|Square|Parkway|Pkwy\\.?|Highway|Hwy\\.?|Circle|Terrace|Plaza|Pike|Crescent"
                    + "|Parade)|(?:P\\.? ?O\\.?|Post Office) Box \\d{1,7})(?![\\p{L}])"
                    + "[^\\n]{0,60}?(?:\\n[^\\n]{0,60}?)?"
                    + "(?<![\\p{L}\\p{N}])(?:(?:[A-Z]{2}|" + US_STATE_NAMES + ") \\d{5}(?:-\\d{4})?"
                    + "|[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|(?:" + AU_STATES + ") \\d{4}"
                    + "|\\d{4},? (?:" + AU_STATES + "))(?![\\p{L}\\p{N}])");

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
        // line breaks inside a paragraph are spaces for addresses and numbers, but may end a name (see nameStart)
        String lined = text.replace('\u2019', '\'').replace('\u2018', '\'');
        String t = lined.replace(VisibleText.LINE_SEPARATOR, ' ');
        List<Fact> facts = new ArrayList<>();
        PatternPrefilter.Candidates may = FILTER.candidates(t);
        List<NameCandidate> names = may.mayMatch(I_LEGAL_FORM) ? names(lined, t, may) : List.of();
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
        keepNames(t, names, facts);
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

    /**
     * Two-letter legal forms that are also everyday abbreviations: SE (a compass point in a street address, a product's
     * "special edition"), SA (South Australia), AG (an Amtsgericht in a register line), AB (Alberta), NV (Nevada), BV,
     * UG (a basement floor). A name they close is only kept with context ({@link #hasFormContext}).
     */
    static final Set<String> AMBIGUOUS_FORMS = Set.of("SA", "SE", "AG", "AB", "BV", "NV", "UG");
    /**
     * Prepositions and greetings that, written in capitals, end a heading rather than start a name ("WELCOME TO
     * Beispiel GmbH"). In lower case every such word already ends the name.
     */
    private static final Set<String> SHOUTED_STOP = Set.of("to", "at", "by", "from", "with", "for", "in", "on",
            "bei", "zu", "chez", "pour", "par", "avec", "sur", "bij", "voor", "met", "welcome", "willkommen",
            "bienvenue", "bienvenido", "benvenuto", "welkom", "thanks", "thank", "you", "merci", "danke", "hello",
            "hallo", "bonjour", "hi", "dear", "liebe", "lieber", "cher", "ch\u00e8re");
    /** Street types that, in a name closed by an ambiguous form, show an address ("Vermont Avenue SE"). */
    private static final Set<String> STREET_WORDS = Set.of("avenue", "ave", "ave.", "street", "st", "st.", "road",
            "rd", "rd.", "boulevard", "blvd", "blvd.", "drive", "dr", "lane", "ln", "way", "court", "ct", "place",
            "pl", "terrace", "parkway", "pkwy", "highway", "hwy", "square", "plaza", "rue", "stra\u00dfe", "strasse");
    /** Words that make the name before an ambiguous form a company's ("Muster Holding AG", "Beispiel Bank AG"). */
    private static final Set<String> COMPANY_WORDS = Set.of("holding", "holdings", "group", "groupe", "gruppe",
            "grupo", "gruppo", "bank", "banque", "banca", "versicherung", "versicherungen", "assurances", "verlag",
            "werke", "industries", "industrie", "international", "europe", "deutschland", "france", "schweiz",
            "suisse", "\u00f6sterreich", "nederland", "services", "systems", "technologies", "solutions", "media",
            "medien", "software", "partners", "capital", "investments", "energie", "energy", "telecom", "pharma",
            "logistics", "logistik", "immobilien", "consulting", "management", "entreprise", "company");
    /** Labels whose colon is followed by the company's whole name, lower-case words included ("Firma: Zeit zu ..."). */
    private static final Set<String> NAME_LABELS = Set.of("firma", "unternehmen", "company", "soci\u00e9t\u00e9",
            "societe", "sociale", "herausgeber", "anbieter", "betreiber", "editeur", "\u00e9diteur", "publisher",
            "operator");
    /** Most tokens of a labelled name ({@link #NAME_LABELS}), most characters from its label's colon to its form. */
    private static final int LABELLED_MAX_TOKENS = 8;
    private static final int LABELLED_MAX_CHARS = 80;
    /**
     * A line shorter than this, in characters, is a line of its own (a signature, an address block): its break ends
     * a name. A longer one is a paragraph wrapped by the sender's mail program, and a name may run across its break
     * ("succursale d'Exemple EU / SARL").
     */
    static final int WRAPPED_LINE_CHARS = 60;
    /** Characters after an ambiguous form, and before its name, searched for the context that confirms it. */
    static final int FORM_CONTEXT_CHARS = 120;
    private static final int MARK_BEFORE_CHARS = 40;
    /** A copyright mark or an imprint label shortly before a name. */
    private static final Pattern IMPRINT_MARK = Pattern.compile("(?i:\u00a9|\\(c\\)|copyright|impressum|herausgeber"
            + "|anbieter|betreiber|verantwortlich|mentions l[\u00e9e]gales|[\u00e9e]diteur|publisher|published by"
            + "|operated by|c/o|tmg)");
    /** Register words shortly after an ambiguous form ("Beispiel AG, Sitz Bonn, Amtsgericht Bonn HRB ..."). */
    private static final Pattern REGISTER_AFTER = Pattern.compile("(?<![\\p{L}])(?:(?i:amtsgericht|registergericht"
            + "|handelsregister|sitz|si[\u00e8e]ge|au capital|capital social|registered|company no|company number)"
            + "|RCS|R\\.C\\.S|HRB|HRA|SIREN|SIRET|TVA|VAT|KvK|CIF|NIF|UID|CHE-)(?![\\p{L}])");
    /** A postcode right after an ambiguous form: a state or territory of an address ("Las Vegas, NV 89109"). */
    private static final Pattern POSTCODE_AFTER = Pattern.compile(" \\d{4,5}(?:-\\d{4})?(?![\\p{L}\\p{N}])");
    private static final Pattern ROMAN_OR_LETTER = Pattern.compile("[IVX]{1,4}|\\p{L}\\.?");
    /** A token starting with a digit is a name's word up to this many characters ("1&1", "3M"), not a hash. */
    private static final int MAX_DIGIT_TOKEN_CHARS = 10;

    /** A name read before a legal form, to be kept or dropped once the other facts are known. */
    private record NameCandidate(String value, int start, int end, boolean needsContext) {
    }

    /**
     * @param lined the text with its line separators ({@link VisibleText#LINE_SEPARATOR})
     * @param t     the same text with them as spaces (same offsets)
     * @return the names before each legal form, in text order
     */
    private static List<NameCandidate> names(String lined, String t, PatternPrefilter.Candidates may) {
        List<NameCandidate> out = new ArrayList<>();
        Matcher m = LEGAL_FORM.matcher(t);
        for (int from = 0; find(may, I_LEGAL_FORM, m, from, t); from = after(m)) {
            if (out.size() >= MAX_FACTS || shoutingAfter(t, m.end())) {
                continue;
            }
            String form = m.group();
            boolean ambiguous = AMBIGUOUS_FORMS.contains(form);
            int start = nameStart(lined, m.start(), !ambiguous);
            int labelled = labelledNameStart(lined, m.start());
            if (labelled >= 0 && (start < 0 || labelled < start)) {
                start = labelled;
            }
            if (start < 0) {
                continue;
            }
            List<String> words = words(t.substring(start, m.start()));
            if (words.isEmpty() || words.stream().allMatch(w -> ROMAN_OR_LETTER.matcher(w).matches())) {
                continue; // "B AG" (a register line's "HRB 155933 B, AG Charlottenburg"), "III Limited"
            }
            if (form.equals("mbH") && words.stream().noneMatch(w -> CaseFold.containsAscii(
                    w.toLowerCase(Locale.ROOT), "gesellschaft"))) {
                continue; // "mbH" alone closes a "...gesellschaft mbH"
            }
            if (ambiguous && (words.stream().anyMatch(w -> STREET_WORDS.contains(w.toLowerCase(Locale.ROOT)))
                    || POSTCODE_AFTER.matcher(t).region(m.end(), t.length()).lookingAt())) {
                continue; // "Vermont Avenue SE", "Adelaide SA 5000"
            }
            // "Beispiel Versicherungs-AG": a form joined by a hyphen is not an abbreviation standing apart
            boolean joined = t.charAt(m.start() - 1) == '-';
            boolean companyWord = words.stream().anyMatch(FooterReader::isCompanyWord);
            String value = NormalizedText.collapse(t.substring(start, m.end()));
            out.add(new NameCandidate(value, start, m.end(), ambiguous && !companyWord && !joined));
        }
        return out;
    }

    /** Spaces, commas and parentheses between the words of a name. */
    static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,()]+");

    /** @return the words of a name, parentheses and trailing commas removed */
    private static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w : WORD_SEPARATORS.split(name)) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isCompanyWord(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        return COMPANY_WORDS.contains(lower) || lower.endsWith("gesellschaft") || lower.endsWith("werke")
                || lower.endsWith("bank") || lower.endsWith("versicherung");
    }

    /**
     * Adds the names worth keeping to {@code facts}: not inside a postal address that starts with its house number
     * ("1200 Vermont Avenue SE, Washington, DC 20005"), and, for a name closed by an {@link #AMBIGUOUS_FORMS
     * ambiguous form}, only with context ({@link #hasFormContext}).
     */
    private static void keepNames(String t, List<NameCandidate> names, List<Fact> facts) {
        List<Fact> others = List.copyOf(facts);
        for (NameCandidate n : names) {
            if (insideNumberedAddress(others, n.start(), n.end())
                    || n.needsContext() && !hasFormContext(t, n.start(), n.end(), others)) {
                continue;
            }
            add(facts, "organisation-name", n.value(), n.start(), n.end(), t, true);
        }
    }

    private static boolean insideNumberedAddress(List<Fact> facts, int start, int end) {
        for (Fact f : facts) {
            if (f.field().equals("postal-address") && f.start() < start && end <= f.end()
                    && !f.value().isEmpty() && Character.isDigit(f.value().charAt(0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a name closed by an ambiguous two-letter form is shown to be a company's by what surrounds it: a
     * postal address or a register number (SIREN, RCS, HRB, VAT...) starting within {@value #FORM_CONTEXT_CHARS}
     * characters after the form, or ending as far before the name (footers often give each line a paragraph of its
     * own); in the same paragraph, register words ("Sitz", "Amtsgericht", "au capital") right after the form, or a
     * copyright mark or an imprint label ("©", "Impressum", "Herausgeber", "c/o") just before the name.
     */
    private static boolean hasFormContext(String t, int start, int end, List<Fact> facts) {
        int paraStart = t.lastIndexOf('\n', start) + 1;
        int paraEnd = t.indexOf('\n', end);
        if (paraEnd < 0) {
            paraEnd = t.length();
        }
        int after = Math.min(t.length(), end + FORM_CONTEXT_CHARS); // a footer's next line may be a paragraph
        int before = Math.max(0, start - FORM_CONTEXT_CHARS);
        for (Fact f : facts) {
            boolean footerFact = switch (f.field()) {
                case "postal-address", "siren", "siret", "vat-number", "registration-number" -> true;
                default -> false;
            };
            if (footerFact && (f.start() >= end && f.start() < after || f.end() <= start && f.end() > before)) {
                return true;
            }
        }
        if (REGISTER_AFTER.matcher(t).region(end, Math.min(paraEnd, end + MARK_BEFORE_CHARS)).find()) {
            return true;
        }
        return IMPRINT_MARK.matcher(t).region(Math.max(paraStart, start - MARK_BEFORE_CHARS), start).find();
    }

    /**
     * @param text  a visible text
     * @param start where a name starts in it
     * @return true when a copyright mark or an imprint label ("©", "Copyright", "Impressum", "Herausgeber",
     *         "Éditeur", "Publisher", "c/o"...) stands at most 40 characters before the name, in its paragraph
     */
    static boolean imprintMarkBefore(String text, int start) {
        int paraStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        return IMPRINT_MARK.matcher(text).region(Math.max(paraStart, start - MARK_BEFORE_CHARS), start).find();
    }

    /**
     * @param name a company name
     * @return the key names are compared by: {@link NormalizedText#normalize normalised} (accents removed, lower
     *         case), letters and digits only ("Exemplar Group Holdings, Inc." gives {@code exemplargroupholdingsinc})
     */
    static String nameKey(String name) {
        String n = NormalizedText.normalize(name);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @return true for a capitalised article that may start a registered name ("The", "Le", "Die"...) */
    static boolean isArticle(String word) {
        return ARTICLES.contains(word);
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

    /**
     * True when position {@code i} of {@code t} separates two words of one name: a space, or a line break that ends
     * a line of at least {@value #WRAPPED_LINE_CHARS} characters (a paragraph wrapped by a mail program, not a line
     * of its own such as a signature's "Software Developer").
     */
    private static boolean wordGap(String t, int i) {
        char c = t.charAt(i);
        if (c == ' ') {
            return true;
        }
        if (c != VisibleText.LINE_SEPARATOR) {
            return false;
        }
        int lineStart = i - 1;
        while (lineStart >= 0 && t.charAt(lineStart) != VisibleText.LINE_SEPARATOR && t.charAt(lineStart) != '\n'
                && i - lineStart <= WRAPPED_LINE_CHARS) {
            lineStart--;
        }
        return i - lineStart > WRAPPED_LINE_CHARS;
    }

    /**
     * @param t           the text, with its line separators
     * @param formStart   where the legal form starts
     * @param acrossComma whether the name may end with a comma before the form ("Example Investments, LLC")
     * @return where the name before the form starts (up to six words), or -1 when none qualifies
     */
    private static int nameStart(String t, int formStart, boolean acrossComma) {
        int i = formStart - 1;
        while (i >= 0 && wordGap(t, i)) {
            i--;
        }
        if (acrossComma && i >= 0 && t.charAt(i) == ',') {
            i--;
            while (i >= 0 && wordGap(t, i)) {
                i--;
            }
        }
        int end = i + 1;
        int start = end;
        int tokens = 0;
        while (i >= 0 && tokens < 6) {
            int tokenEnd = i + 1;
            if (t.charAt(i) == ')') {
                int open = qualifierOpen(t, i);
                if (open < 0) {
                    break;
                }
                i = open - 1; // "Example.com (BVI) Limited": a country or jurisdiction in parentheses
                start = open;
                tokens++;
                if (i < 0 || !wordGap(t, i)) {
                    break;
                }
                i--;
                continue;
            }
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
            String lower = token.toLowerCase(Locale.ROOT);
            boolean shouted = token.length() > 1 && token.chars().filter(Character::isLetter).count() > 1
                    && token.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
            if (shouted && SHOUTED_STOP.contains(lower)) {
                break; // "WELCOME TO Beispiel GmbH": a heading in capitals
            }
            boolean capital = Character.isUpperCase(token.codePointAt(0))
                    || Character.isDigit(token.charAt(0)) && token.length() <= MAX_DIGIT_TOKEN_CHARS
                    && token.chars().anyMatch(Character::isLetter);
            boolean connector = CONNECTORS.contains(lower);
            if (!capital && !connector || NAME_STOP.contains(lower)) {
                break;
            }
            start = tokenStart;
            tokens++;
            if (i < 0 || !wordGap(t, i)) {
                break; // a separator (| · : ( newline, a line of its own...) ends the name
            }
            i--;
        }
        // a jurisdiction in parentheses does not start a name
        while (start < end && t.charAt(start) == '(') {
            int close = t.indexOf(')', start);
            start = close + 1;
            while (start < end && wordGap(t, start)) {
                start++;
            }
        }
        if (start >= end) {
            return -1;
        }
        // drop leading connectors ("de", "la"...), but keep a capitalised article that starts the name
        // ("Le Courrier du Matin SA", "La Poste SA"): it is part of the registered name
        while (true) {
            int sp = start;
            while (sp < end && !wordGap(t, sp)) {
                sp++;
            }
            if (sp >= end) {
                break;
            }
            String first = t.substring(start, sp);
            if (!CONNECTORS.contains(first.toLowerCase(Locale.ROOT))) {
                break;
            }
            if (ARTICLES.contains(first) && sp + 1 < end && Character.isUpperCase(t.codePointAt(sp + 1))) {
                break;
            }
            start = sp + 1;
        }
        start = afterGermanNoun(t, start, end);
        String name = t.substring(start, end);
        if (name.isEmpty() || CONNECTORS.contains(name.toLowerCase(Locale.ROOT))
                || name.chars().noneMatch(Character::isLetter)) {
            return -1;
        }
        return start;
    }

    /** German articles and prepositions that join a common noun to the company it belongs to. */
    private static final Set<String> GERMAN_OF = Set.of("der", "des", "von", "vom", "dem");
    /** Parts of German words naming an organisation, which a name may hold before "der" or "von". */
    private static final List<String> GERMAN_ORGANISATION_WORDS = List.of("verband", "verein", "gesellschaft", "bund",
            "stiftung", "institut", "vereinigung", "freunde", "kammer", "genossenschaft", "gemeinschaft", "akademie",
            "zentrum", "club", "klub", "bank", "werk", "schule", "kreis", "union", "büro", "amt");

    /**
     * German capitalises every noun, so the words before a company's name are read as part of it ("Ein Newsletter
     * der Beispiel GmbH", "in allen Märkten der Beispiel SE & Co. KG"). A name that holds "der", "des", "von", "vom"
     * or "dem" starts after the last of them unless a word before it names an organisation ("Verband der
     * Beispielindustrie e.V.", "Freunde von Beispielstadt e.V.").
     *
     * @return where the name starts
     */
    private static int afterGermanNoun(String t, int start, int end) {
        int cut = -1;
        boolean organisation = false;
        int i = start;
        while (i < end) {
            int j = i;
            while (j < end && !wordGap(t, j)) {
                j++;
            }
            String lower = t.substring(i, j).toLowerCase(Locale.ROOT);
            if (GERMAN_OF.contains(lower) && i > start && !organisation) {
                cut = j + 1;
            } else if (GERMAN_ORGANISATION_WORDS.stream().anyMatch(lower::contains)) {
                organisation = true;
            }
            i = j + 1;
        }
        return cut > start && cut < end ? cut : start;
    }

    /**
     * @param close the offset of a {@code ')'}
     * @return the offset of its {@code '('} when the parentheses hold a short capitalised qualifier of a name
     *         ("(Ireland)", "(BVI)", "(UK)"), else -1
     */
    private static int qualifierOpen(String t, int close) {
        int open = close - 1;
        while (open >= 0 && close - open <= 25 && (Character.isLetter(t.charAt(open)) || t.charAt(open) == ' '
                || t.charAt(open) == '.')) {
            open--;
        }
        if (open < 0 || t.charAt(open) != '(' || close - open < 3 || !Character.isUpperCase(t.charAt(open + 1))) {
            return -1;
        }
        return open;
    }

    /**
     * A name given after a label and a colon, on the same line ("Meine Firma: Zeit zu leben Verlags- und Trainings
     * GmbH"): it may hold lower-case words, which the word-by-word reading of {@link #nameStart} stops at.
     *
     * @return where the name starts, or -1 when no {@link #NAME_LABELS label} introduces it
     */
    private static int labelledNameStart(String t, int formStart) {
        int from = Math.max(0, formStart - LABELLED_MAX_CHARS);
        int colon = -1;
        for (int i = formStart - 1; i >= from; i--) {
            char c = t.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            if (c == '\n' || c == VisibleText.LINE_SEPARATOR || c == '|' || c == '\u00b7' || c == ';' || c == ','
                    || c == '(' || c == ')' || c == '!' || c == '?') {
                return -1;
            }
        }
        if (colon < 1) {
            return -1;
        }
        int wordEnd = colon;
        while (wordEnd > 0 && t.charAt(wordEnd - 1) == ' ') {
            wordEnd--;
        }
        int wordStart = wordEnd;
        while (wordStart > 0 && Character.isLetter(t.charAt(wordStart - 1))) {
            wordStart--;
        }
        if (!NAME_LABELS.contains(t.substring(wordStart, wordEnd).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int start = colon + 1;
        while (start < formStart && t.charAt(start) == ' ') {
            start++;
        }
        String name = t.substring(start, formStart).trim();
        if (name.isEmpty() || !Character.isUpperCase(name.codePointAt(0))
                || words(name).size() > LABELLED_MAX_TOKENS) {
            return -1;
        }
        for (String w : words(name)) {
            if (endsSentence(w)) {
                return -1;
            }
        }
        return start;
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
                add(facts, "postal-address", oneLine(m.group()), m.start(), m.end(), t, true);
            }
        }
    }

    /** A line break inside an address block, with the spaces and commas around it. */
    private static final Pattern ADDRESS_LINE_BREAK = Pattern.compile("[ ,]*\n[ ,]*");

    /**
     * @param address an address as matched, possibly over two lines of an address block
     * @return the address on one line, its lines joined by ", " ("Albert-Hahn-Straße 20, Duisburg 47269")
     */
    static String oneLine(String address) {
        return ADDRESS_LINE_BREAK.matcher(address.trim()).replaceAll(", ");
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
