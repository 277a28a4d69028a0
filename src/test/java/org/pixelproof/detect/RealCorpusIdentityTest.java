package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * {@link SenderIdentityCheck#ORGANISATION_NOT_TIED_TO_SENDER} on the real e-mails of {@code ../shared/corpus/real}
 * (read in place, never copied): the Ledger phish sent through Klaviyo's shared domain (049) is flagged, and no e-mail
 * from outside the spam honeypot (the research project's newsletters, the parsers' test mail) ever is; and
 * {@link SenderIdentityCheck#FROM_DOMAIN_LOOKALIKE_CHARACTERS} holds for the one phish with a look-alike From domain
 * only. Skipped with a message when the folder is absent (a user's fresh clone).
 */
class RealCorpusIdentityTest {

    private static final Path REAL = Path.of("../shared/corpus/real");
    /** The source column of the MANIFEST for the spam and phishing honeypot. */
    private static final String HONEYPOT = "rf-peixoto/phishing_pot";

    /** File name to identity caveats, for every .eml of the corpus. */
    private static final Map<String, List<String>> CAVEATS = new TreeMap<>();
    /** File name to its MANIFEST source. */
    private static final Map<String, String> SOURCES = new HashMap<>();

    @BeforeAll
    static void analyse() throws IOException {
        if (!Files.isDirectory(REAL)) {
            return;
        }
        try (Stream<String> lines = Files.lines(REAL.resolve("MANIFEST.tsv"))) {
            lines.skip(1).map(l -> l.split("\t")).filter(f -> f.length > 1).forEach(f -> SOURCES.put(f[0], f[1]));
        }
        Detector detector = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
        EmailParser parser = new EmailParser(IngestLimits.DEFAULT);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(REAL)) {
            s.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
        }
        for (Path p : files) {
            SenderIdentity s = detector.detect(parser.parse(Files.readAllBytes(p), p.getFileName().toString()),
                    List.of()).sender();
            CAVEATS.put(p.getFileName().toString(), s == null ? List.of() : s.identityCaveats());
        }
    }

    private static void assumeCorpus() {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
    }

    @Test
    void theLedgerPhishThroughAnEspsSharedDomainIsDoubtful() {
        assumeCorpus();
        List<String> c = CAVEATS.get("049-klaviyo-wallet-phish-en.eml");
        assertTrue(c != null, "049 analysed");
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), c.toString());
        assertTrue(c.contains(SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER), c.toString());
    }

    @Test
    void noEmailFromOutsideTheHoneypotHasAnUntiedOrganisation() {
        assumeCorpus();
        assertTrue(CAVEATS.size() > 100, "the corpus is there: " + CAVEATS.size());
        List<String> flagged = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CAVEATS.entrySet()) {
            if (e.getValue().contains(SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER)) {
                flagged.add(e.getKey());
                assertEquals(HONEYPOT, SOURCES.get(e.getKey()), e.getKey() + " is not from the honeypot");
            }
        }
        System.out.println("ORGANISATION_NOT_TIED_TO_SENDER: " + flagged);
    }

    /**
     * {@link SenderIdentityCheck#FROM_DOMAIN_LOOKALIKE_CHARACTERS}: the Verkade "taster" phish (133), whose From
     * domain is written in mathematical bold letters ({@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}), is doubtful, and it is the only
     * message of the corpus with that reason (none of the genuine internationalised senders has it).
     */
    @Test
    void onlyTheVerkadePhishHasALookalikeFromDomain() {
        assumeCorpus();
        String verkade = "133-verkade-tester-phish-track-pixel-nl.eml";
        List<String> c = CAVEATS.get(verkade);
        assertTrue(c != null, "133 analysed");
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), c.toString());
        List<String> flagged = CAVEATS.entrySet().stream()
                .filter(e -> e.getValue().contains(SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(verkade), flagged);
        assertEquals(HONEYPOT, SOURCES.get(verkade));
    }

    /**
     * {@link SenderIdentityCheck#FROM_PLATFORM_TENANT_DOMAIN} (docs/decisions/0035-platform-tenant-domains.md): the
     * copied Xbox campaign from a Microsoft 365 tenant (052) and the "TotalEnergies-Invest" spam from an Amazon
     * WorkMail tenant (040) are doubtful, and only honeypot messages carry the reason.
     */
    @Test
    void spamFromPlatformTenantDomainsIsDoubtfulAndOnlyHoneypotMailHasTheReason() {
        assumeCorpus();
        for (String f : List.of("040-amazon-ses-invest-spam-fr.eml", "052-braze-xbox-copy-spam-de.eml")) {
            List<String> c = CAVEATS.get(f);
            assertTrue(c != null, f + " analysed");
            assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), f + " " + c);
            assertTrue(c.contains(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN), f + " " + c);
        }
        List<String> flagged = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CAVEATS.entrySet()) {
            if (e.getValue().contains(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN)) {
                flagged.add(e.getKey());
                assertEquals(HONEYPOT, SOURCES.get(e.getKey()), e.getKey() + " is not from the honeypot");
            }
        }
        System.out.println("FROM_PLATFORM_TENANT_DOMAIN: " + flagged);
    }

    /**
     * {@link SenderIdentityCheck#BRAND_NOT_SENDER} (docs/decisions/0037-brand-look-alikes-and-spelled-out-names.md):
     * the Ledger phish from the look-alike {@code email-ledger.net} (054), "N e t f l i x !" (058) and "Service CPF"
     * (114) are doubtful, and only honeypot messages carry the reason.
     */
    @Test
    void lookAlikeAndSpelledOutBrandsAreDoubtfulAndOnlyHoneypotMailHasTheReason() {
        assumeCorpus();
        for (String f : List.of("054-activecampaign-ledger-phish-en.eml", "058-multipart-digest-misuse-netflix-es.eml",
                "114-ses-cpf-formation-phish-fr.eml")) {
            List<String> c = CAVEATS.get(f);
            assertTrue(c != null, f + " analysed");
            assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), f + " " + c);
            assertTrue(c.contains(SenderIdentityCheck.BRAND_NOT_SENDER), f + " " + c);
        }
        for (Map.Entry<String, List<String>> e : CAVEATS.entrySet()) {
            if (e.getValue().contains(SenderIdentityCheck.BRAND_NOT_SENDER)) {
                assertEquals(HONEYPOT, SOURCES.get(e.getKey()), e.getKey() + " is not from the honeypot");
            }
        }
    }

    /**
     * {@link SenderIdentityCheck#TWO_ORGANISATIONS_NEITHER_SENDER}: the FTX phish reusing a Grayscale Marketo e-mail
     * (055: "FTX Trading Ltd" from {@code iceapple.tech}, footer "Grayscale Investments, LLC", the copy's links and
     * written addresses on {@code grayscale.com}) is doubtful, and only honeypot messages carry the reason.
     */
    @Test
    void aCopiedCampaignResentUnderAnotherOrganisationsNameIsDoubtfulAndOnlyHoneypotMailHasTheReason() {
        assumeCorpus();
        String grayscale = "055-marketo-grayscale-copy-phish-en.eml";
        List<String> c = CAVEATS.get(grayscale);
        assertTrue(c != null, "055 analysed");
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), c.toString());
        assertTrue(c.contains(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER), c.toString());
        List<String> flagged = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CAVEATS.entrySet()) {
            if (e.getValue().contains(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER)) {
                flagged.add(e.getKey());
                assertEquals(HONEYPOT, SOURCES.get(e.getKey()), e.getKey() + " is not from the honeypot");
            }
        }
        System.out.println("TWO_ORGANISATIONS_NEITHER_SENDER: " + flagged);
    }
}
