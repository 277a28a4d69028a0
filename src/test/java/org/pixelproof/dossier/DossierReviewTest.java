package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.dossier.DossierTemplatesTest.contains;
import static org.pixelproof.dossier.DossierTemplatesTest.lacks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.TimelineEntry;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Tracker;

/**
 * The fixes of the data-protection lawyer's review (November 2026), item by item, checked on the dossier's XHTML and
 * the letters' text. French typography puts non-breaking spaces before {@code : ; ! ?}: the assertions read the text
 * through {@link DossierTemplatesTest#plain(String)}.
 */
class DossierReviewTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static Dossier build(CaseEmail e, Complainant c, Language lang) {
        return DossierFixtures.builder().build(List.of(e), c, lang);
    }

    private static Dossier newsletter(Complainant c, Language lang) {
        return build(DossierFixtures.newsletterCase(), c, lang);
    }

    private static String xhtml(Dossier d) {
        return DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(d));
    }

    private static String letter(Dossier d, LetterKind k) {
        return DossierTemplatesTest.plain(TEMPLATES.letterText(d, k));
    }

    /** A complainant acting for someone else, without a mandate, who gave only a date for a prior request. */
    private static Complainant forSomeoneElse(Boolean objectToMarketing) {
        return new Complainant("Jean Petit", "5 avenue Foch\n75116 Paris", "camille.durand@example.org",
                "création d'un compte", "le 3 mai 2026", ConsentAsked.NO,
                new PriorRequest(LocalDate.of(2026, 5, 25), null, null, null), "Alex Martin", false,
                LocalDate.of(2026, 5, 3), null, null, objectToMarketing);
    }

    // ----------------------------------------------------------------------- A. critical

    @Test
    void a1PossibleImpersonationWarnsAndPreparesNoLetterForTheNamedBody() {
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            Assessment as = p.assessment();
            List<String> caveats = new ArrayList<>(as.caveats());
            caveats.add("possible-impersonation");
            SenderIdentity s = p.sender();
            List<SenderClue> clues = new ArrayList<>(s.clues());
            clues.add(new SenderClue("claimed-organisation", "ANCV", "footer text, part 1.2.1", "ANCV - Agence"));
            clues.add(new SenderClue("claimed-domain", "ancv.com", "footer text, part 1.2.1", "www.ancv.com"));
            SenderIdentity changed = new SenderIdentity(s.fromAddress(), "Service Public FR", "plateforme-habitat.com",
                    s.replyTo(), s.returnPath(), s.dkimDomains(), s.listUnsubscribe(), null, s.postalAddress(),
                    null, null, false, null, null, clues, s.missing());
            return p.sender(changed).assessment(new Assessment(as.verdict(), as.messageClass(), as.cues(),
                    as.exemptions(), as.provisionIds(), as.receivedDate(), as.timeline(), caveats));
        });
        Dossier d = build(e, DossierFixtures.complainant(), Language.FR);
        assertTrue(d.possibleImpersonation());
        String x = xhtml(d);
        contains(x, "Attention :</b> le message se présente comme émanant d&#39;ANCV (pied de message), mais il a été "
                + "envoyé depuis le domaine plateforme-habitat.com, sans lien apparent avec ancv.com, sous le nom "
                + "« Service Public FR »", "signal-spam.fr", "cybermalveillance.gouv.fr",
                "(services cités à titre indicatif, non vérifiés par PixelProof)",
                "Une plainte à la CNIL doit viser l'expéditeur réel (domaine plateforme-habitat.com)");
        lacks(x, "id=\"letter-dpo-request\"", "À l'attention du délégué");
        String dpo = letter(d, LetterKind.DPO_REQUEST);
        assertTrue(dpo.startsWith("# Pas de courrier à l'organisme dont le nom est utilisé"), dpo);
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "Organisme mis en cause : l'expéditeur réel des messages envoyés "
                + "depuis le domaine plateforme-habitat.com");
        String en = DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(build(e, Complainant.UNKNOWN, Language.EN)));
        contains(en, "Warning:</b> the message presents itself as coming from ANCV (footer) but was sent from the "
                + "domain plateforme-habitat.com, with no visible link to ancv.com");
    }

    @Test
    void a3TheContentOfAPriorRequestIsNeverInvented() {
        Dossier d = newsletter(forSomeoneElse(null), Language.FR);
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "le 25 mai 2026, j'ai adressé au nom d'Alex Martin une demande à l'organisme : "
                + "[à compléter : objet de la demande – retrait du consentement, opposition, accès, effacement].");
        lacks(complaint, "le retrait de mon consentement, l'opposition à la prospection");
        contains(letter(newsletter(forSomeoneElse(null), Language.EN), LetterKind.CNIL_COMPLAINT),
                "I sent on behalf of Alex Martin a request to the organisation: [to be completed: what you asked "
                        + "for – withdrawal, objection, access, erasure].");
    }

    @Test
    void a4WithoutAPriorRequestTheCnilIsNotAskedAboutAnAnswer() {
        Dossier none = newsletter(Complainant.UNKNOWN, Language.FR);
        String x = xhtml(none);
        lacks(x, "de vérifier que l'organisme a répondu");
        contains(x, "de vérifier, le cas échéant, la suite donnée à la demande adressée à l'organisme "
                + "(courrier de la section 14)");
        String complaint = letter(none, LetterKind.CNIL_COMPLAINT);
        lacks(complaint, "et s'il a répondu à ma demande");
        contains(complaint, "de vérifier, le cas échéant, la suite donnée à la demande que j'adresse à l'organisme");
        contains(letter(newsletter(Complainant.UNKNOWN, Language.EN), LetterKind.CNIL_COMPLAINT),
                "to check, where relevant, how the organisation follows up the request I am sending it (letter "
                        + "attached)");
        // with a request stated, the CNIL is asked about its follow-up
        contains(xhtml(newsletter(DossierFixtures.complainant(), Language.FR)), "de vérifier que l'organisme a répondu");
    }

    @Test
    void a5ActingForSomeoneElseSpeaksInTheirNameWithTheMandate() {
        Dossier d = newsletter(forSomeoneElse(true), Language.FR);
        String dpo = letter(d, LetterKind.DPO_REQUEST);
        contains(dpo, "Je vous écris au nom et pour le compte d'Alex Martin, destinataire de vos courriels à l'adresse "
                        + "camille.durand@example.org, en vertu du mandat signé ci-joint [à compléter si absent : "
                        + "mandat signé].", "Au nom d'Alex Martin :",
                "je retire, en tant que de besoin, tout consentement qui aurait pu être donné au suivi",
                "je m'oppose au traitement de ses données à des fins de prospection",
                "une copie des données d'ouverture et de clic la concernant",
                "si Alex Martin l'a ouvert, quand, et sur quels liens Alex Martin a cliqué");
        lacks(dpo, "J'agis pour le compte", "de Alex", "que j'aurais pu donner", "de mes données");
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "Personne concernée (plaignante) : Alex Martin, représentée par Jean Petit, 5 avenue Foch, "
                + "75116 Paris, [à compléter : mandat signé, à joindre].", "Le 12 mai 2026, Alex Martin a reçu de",
                "[à compléter : mandat signé d'Alex Martin]");
        lacks(complaint, "Plaignant·e", "j'ai reçu de", "agissant pour le compte de");
        contains(xhtml(d), "la CNIL exige un mandat signé");
        String en = letter(newsletter(forSomeoneElse(true), Language.EN), LetterKind.DPO_REQUEST);
        contains(en, "I am writing in the name and on behalf of Alex Martin, who receives your e-mails at "
                + "camille.durand@example.org, under the signed mandate attached [to be completed if missing: signed "
                + "mandate].", "On behalf of Alex Martin, I:", "object to the processing of their data");
        contains(letter(newsletter(forSomeoneElse(true), Language.EN), LetterKind.CNIL_COMPLAINT),
                "Data subject (complainant): Alex Martin, represented by Jean Petit", "Alex Martin received from");
    }

    @Test
    void a6ReviewersNotesStayOutOfTheDossier() {
        String x = xhtml(newsletter(DossierFixtures.complainant(), Language.FR));
        lacks(x, "Not yet read on Légifrance", "Quoted by third parties", "Notes des règles");
    }

    // ----------------------------------------------------------------------- B. legal substance

    @Test
    void b1OfficialTextsAreLabelledAsSuchAndGuidanceAsSecondary() {
        String x = xhtml(newsletter(DossierFixtures.complainant(), Language.FR));
        contains(x, "Loi n° 78-17 du 6 janvier 1978, art. 82</b>\n<span class=\"conf-official\">[texte officiel – "
                + "paraphrase non encore vérifiée à la source]</span>", "[source secondaire]</span>");
        lacks(x, "Selon des sources secondaires");
        String en = DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(newsletter(Complainant.UNKNOWN, Language.EN)));
        contains(en, "[official text – paraphrase not yet checked at the source]", "<b>GDPR, Art. 7(1)</b>");
        lacks(en, "<b>Règlement (UE) 2016/679 (RGPD), art. 7(1)</b>");
    }

    @Test
    void b2TheTimelineFollowsTheComplainantsDates() {
        Dossier after = newsletter(new Complainant("Camille Durand", null, null, "compte", null, ConsentAsked.NO,
                null, null, null, LocalDate.of(2026, 5, 3), null, null, null), Language.FR);
        assertEquals(AddressPeriod.AFTER_RECOMMENDATION, after.addressTimeline().period());
        String x = xhtml(after);
        contains(x, "Selon la personne, l'adresse a été communiquée le 3 mai 2026, après le 14 avril 2026 : d'après "
                + "la recommandation de la CNIL (source secondaire), un consentement au suivi devait être recueilli "
                + "dès la collecte ; la personne déclare qu'il ne lui a jamais été demandé.");
        lacks(x, "rien dans le message ne dit quand l'adresse a été collectée", "PixelProof ne peut pas savoir");
        assertFalse(after.caveats().contains("address-collection-date-unknown"));

        // before, with the message received after the lists' deadline (a copy received on 20 August 2026)
        CaseEmail late = DossierFixtures.newsletterCase(p -> p.assessment(receivedOn(p.assessment(),
                LocalDate.of(2026, 8, 20))));
        String before = xhtml(build(late, new Complainant(null, null, null, null, "en septembre 2016", null, null,
                null, null), Language.FR));
        contains(before, "l'adresse a été communiquée (« en septembre 2016 »), avant le 14 avril 2026 : l'adresse "
                + "relève d'une liste existante ; le message a été reçu après la fin (vers le 14 juillet 2026, date "
                + "incertaine) du délai laissé pour informer ces destinataires et leur permettre de s'opposer ; il ne "
                + "contient aucune information sur le suivi. Le sort des destinataires informés qui ne se sont pas "
                + "opposés reste débattu.");
        String en = DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(build(late, new Complainant(null, null, null,
                null, null, null, null, null, null, null, AddressPeriod.BEFORE_RECOMMENDATION, null, null),
                Language.EN)));
        contains(en, "before 14 April 2026: the address belongs to an existing list; the message was received after "
                + "the end (around 14 July 2026, date uncertain)");
    }

    @Test
    void b2AComplainantsWordsAreReadForTheirYearOnlyWhenUnambiguous() {
        LocalDate published = LocalDate.of(2026, 4, 14);
        assertEquals(AddressPeriod.BEFORE_RECOMMENDATION, words("en septembre 2016").periodFromWords(published));
        assertEquals(AddressPeriod.BEFORE_RECOMMENDATION, words("mars 2026").periodFromWords(published));
        assertEquals(AddressPeriod.AFTER_RECOMMENDATION, words("le 3 mai 2026").periodFromWords(published));
        assertEquals(AddressPeriod.AFTER_RECOMMENDATION, words("August 2027").periodFromWords(published));
        assertNull(words("avril 2026").periodFromWords(published), "the month of publication itself is ambiguous");
        assertNull(words("2026").periodFromWords(published));
        assertNull(words("entre 2019 et 2021").periodFromWords(published), "two years: a doubt");
        assertNull(words("il y a longtemps").periodFromWords(published));
    }

    private static Complainant words(String when) {
        return new Complainant(null, null, null, null, when, null, null, null, null);
    }

    private static Assessment receivedOn(Assessment as, LocalDate date) {
        List<TimelineEntry> timeline = as.timeline().stream().map(t -> new TimelineEntry(t.keyDateId(), t.date(),
                date.isBefore(t.date()) ? "before" : date.isEqual(t.date()) ? "same-day" : "after")).toList();
        return new Assessment(as.verdict(), as.messageClass(), as.cues(), as.exemptions(), as.provisionIds(), date,
                timeline, as.caveats());
    }

    @Test
    void b3AMessageReceivedBeforeTheGdprSaysSoAndCitesTheLawOfTheTime() {
        CaseEmail old = DossierFixtures.newsletterCase(p -> p.assessment(receivedOn(p.assessment(),
                LocalDate.of(2017, 3, 8))).authenticity(Authenticity.none()));
        Dossier d = build(old, DossierFixtures.complainant(), Language.FR);
        assertTrue(d.primary().receivedBeforeGdpr());
        assertTrue(d.caveats().contains("received-before-gdpr"));
        assertFalse(d.caveats().contains("received-before-recommendation"));
        String x = xhtml(d);
        contains(x, "Le message a été reçu le 8 mars 2017, avant l'entrée en application du RGPD (25 mai 2018). "
                + "L'obligation de consentement figurait alors à l'article 32-II de la loi Informatique et Libertés, "
                + "devenu l'article 82 <span class=\"conf-official\">[texte officiel – paraphrase non encore "
                + "vérifiée à la source]</span>. Un message aussi ancien renseigne peu sur les pratiques actuelles "
                + "de l'expéditeur : joignez de préférence un message récent.", "Entrée en application du RGPD");
        lacks(x, "l'article 82 s'appliquait déjà");
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "Ce message a été reçu avant l'entrée en application du RGPD "
                + "(25 mai 2018).");
        contains(DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(build(old, Complainant.UNKNOWN, Language.EN))),
                "The message was received on 8 March 2017, before the GDPR applied (25 May 2018). The consent "
                        + "requirement was then in Article 32-II of the French Data Protection Act, since renumbered "
                        + "Article 82 <span class=\"conf-official\">[official text – paraphrase not yet checked at the "
                        + "source]</span>.");
    }

    @Test
    void b4ATransferOutsideTheEeaIsWordedAsAPossibilityAndNeverForTheSendersOwnHosts() {
        Dossier d = newsletter(DossierFixtures.complainant(), Language.FR);
        String x = xhtml(d);
        contains(x, "Le prestataire SendWave est rattaché à une entité établie hors de l'EEE (US). Si l'ouverture du "
                + "message ou un clic sur l'un de ses liens lui transmet l'adresse IP du destinataire, ce flux peut constituer un transfert soumis au "
                + "chapitre V du RGPD (décision d'adéquation, garanties appropriées ou dérogation) ; le message ne "
                + "permet de vérifier ni l'entité qui exploite réellement l'hôte, ni la garantie applicable.");
        lacks(x, "le chargement de ses traceurs lui transmet l'adresse IP", "doit reposer sur l'une des garanties");
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "peut être établi hors de l'Espace économique européen");
        contains(letter(newsletter(DossierFixtures.complainant(), Language.EN), LetterKind.CNIL_COMPLAINT),
                "may be established outside the European Economic Area");

        // the same trackers on the sender's own domain: no vendor country, no transfer, no Art. 44
        CaseEmail own = DossierFixtures.newsletterCase(p -> p.trackers(p.trackers().stream().map(t -> new Tracker(
                t.id(), t.kind(), t.url(), t.host(), t.vendor(), t.vendorDetails(), Party.FIRST_PARTY,
                t.recipientIdentifiers(), t.perRecipientTokens(), t.confidence(), t.signals(), t.hiddenBy(),
                t.location(), t.evidence(), t.ruleId(), t.destination(), t.wrappedBy())).toList()));
        Dossier firstParty = build(own, DossierFixtures.complainant(), Language.FR);
        assertFalse(firstParty.organisation().transferOutsideEea());
        assertTrue(firstParty.transferGrounds().isEmpty());
        assertTrue(firstParty.primary().trackers().stream().allMatch(t -> t.vendorCountry() == null && !t.outsideEea()));
    }

    @Test
    void b5TheExemptionsAreStatedWithTheOpenPointAndNoIrrelevantReason() {
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            Assessment as = p.assessment();
            var checks = as.exemptions().stream().map(x -> new org.pixelproof.assess.ExemptionCheck(x.exemption(),
                    x.outcome(), List.of("marketing-content", "third-party-vendor-outside-eea"))).toList();
            return p.assessment(new Assessment(as.verdict(), as.messageClass(), as.cues(), checks,
                    as.provisionIds(), as.receivedDate(), as.timeline(), as.caveats()));
        });
        String x = xhtml(build(e, Complainant.UNKNOWN, Language.FR));
        contains(x, "Selon la recommandation de la CNIL (source secondaire), sont dispensées de consentement la sécurité "
                + "de l'authentification", "en ne conservant que la date (le jour) de la dernière ouverture",
                "son maintien dans le texte final n'est pas établi", "[point débattu]",
                "Un traceur portant un identifiant propre au destinataire ne peut relever de cette dernière dispense.");
        lacks(x, "deux usages seulement", "un prestataire est établi hors de l'EEE", "third-party-vendor-outside-eea");
    }

    @Test
    void b6SecondarySourcesAreNamedInTheRunningText() {
        String x = xhtml(newsletter(Complainant.UNKNOWN, Language.FR));
        contains(x, "Selon la recommandation de la CNIL (source secondaire), l'expéditeur est responsable du traitement",
                "Selon la recommandation de la CNIL (source secondaire), chaque message doit informer",
                "(recommandation de la CNIL, source secondaire).</p>",
                "Selon la recommandation de la CNIL (délibération n° 2026-042, source secondaire), le consentement au "
                        + "suivi est requis pour les adresses collectées à partir du 14 avril 2026",
                "L'article 82 exigeait déjà le consentement ; la recommandation en précise l'application.");
        lacks(x, "La CNIL exige le consentement", "La CNIL attend que");
    }

    @Test
    void b7ThePriorRequestRuleAppliesToTheRightsOnly() {
        String how = letter(newsletter(Complainant.UNKNOWN, Language.FR), LetterKind.HOW_TO_FILE);
        contains(how, "Pour la partie de la plainte qui porte sur le dépôt de traceurs sans consentement (article 82), "
                + "cette démarche n'est pas exigée. Pour la partie qui porte sur vos droits", "puis attendez un mois, "
                + "sauf réponse insatisfaisante entre-temps ou prolongation notifiée par l'organisme.");
        contains(xhtml(newsletter(Complainant.UNKNOWN, Language.FR)), "Pour la partie qui porte sur le dépôt de "
                + "traceurs sans consentement (article 82), cette démarche n'est pas exigée.");
        contains(letter(newsletter(Complainant.UNKNOWN, Language.EN), LetterKind.HOW_TO_FILE),
                "For the part of the complaint about trackers without consent (Article 82), this step is not required",
                "unless an unsatisfactory answer arrives earlier or the organisation notifies an extension");
    }

    @Test
    void b8TheComplaintOffersNeverGivenAndAddsTheMissingArguments() {
        Complainant never = new Complainant("Camille Durand", null, null, null, null, ConsentAsked.NO, null, null,
                null, null, null, true, null);
        String complaint = letter(newsletter(never, Language.FR), LetterKind.CNIL_COMPLAINT);
        contains(complaint, "Je n'ai jamais communiqué mon adresse à cet organisme.");
        lacks(complaint, "J'ai communiqué mon adresse", "exception « client »");
        contains(letter(newsletter(never, Language.EN), LetterKind.CNIL_COMPLAINT),
                "I never gave my address to this organisation.");
        contains(letter(newsletter(Complainant.UNKNOWN, Language.FR), LetterKind.CNIL_COMPLAINT),
                "ou remplacez cette phrase par « Je n'ai jamais communiqué mon adresse à cet organisme. »");
        // the customer exception of L34-5 does not cover tracking
        contains(letter(newsletter(DossierFixtures.complainant(), Language.FR), LetterKind.CNIL_COMPLAINT),
                "Même si l'envoi de prospection pouvait relever de l'exception « client » de l'article L. 34-5 du CPCE, "
                        + "le suivi de l'ouverture et des clics relève de l'article 82 et exige un consentement "
                        + "distinct (recommandation de la CNIL, source secondaire).");
        // no way to stop the messages
        CaseEmail noStop = DossierFixtures.newsletterCase(p -> p.markers(p.markers().stream().filter(m ->
                m.type() == ConsentMarkerType.PRIVACY_POLICY_LINK).toList(), List.of(ConsentMarkerType.TRACKING_NOTICE,
                ConsentMarkerType.TRACKING_OPT_OUT_LINK, ConsentMarkerType.UNSUBSCRIBE_LINK,
                ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER)));
        Dossier d = build(noStop, Complainant.UNKNOWN, Language.FR);
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "Le message ne comporte ni lien de désabonnement ni en-tête "
                + "List-Unsubscribe : il n'indique aucun moyen de demander l'arrêt des envois, contrairement à ce "
                + "qu'exige l'article L. 34-5 du CPCE.");
        contains(xhtml(d), "alors que l'article L. 34-5 du CPCE exige que chaque message de prospection indique des "
                + "coordonnées valables à cette fin");
    }

    // ----------------------------------------------------------------------- C. facts

    @Test
    void c1ADisplayNameIsNotTakenForTheOrganisationAndAFooterContactIsSuggested() {
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            SenderIdentity s = p.sender();
            List<SenderClue> clues = List.of(new SenderClue("postal-address", "564 Chemin des Platières",
                    "footer text, part 1.2.1", "Email : service.clients@maison-lumiere.example Service clients - "
                            + "564 Chemin des Platières"));
            return p.sender(new SenderIdentity(s.fromAddress(), "Marina", s.fromDomain(), null, null,
                    s.dkimDomains(), s.listUnsubscribe(), "Marina", "564 Chemin des Platières", null, null, false,
                    null, null, clues, List.of("organisation-name", "siren", "privacy-policy-url", "dpo-contact")));
        });
        Dossier d = build(e, DossierFixtures.complainant(), Language.FR);
        assertTrue(d.organisation().nameFromDisplayName());
        assertEquals("service.clients@maison-lumiere.example", d.organisation().contact());
        String x = xhtml(d);
        contains(x, "nom d'affichage de l'expéditeur (en-tête From) : il peut désigner une personne ou une marque",
                "Contact indiqué pour exercer vos droits (DPO ou autre)");
        String dpo = letter(d, LetterKind.DPO_REQUEST);
        contains(dpo, "[à compléter : nom de l'organisme] (nom d'affichage des courriels : Marina)",
                "Adresse électronique : service.clients@maison-lumiere.example (contact indiqué dans le message ; à "
                        + "défaut d'adresse du DPO)");
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "Organisme mis en cause : [à compléter : nom de l'organisme] "
                + "(nom d'affichage des courriels : Marina ; domaine maison-lumiere.example)");
    }

    @Test
    void c1NearIdenticalCluesAreShownOnce() {
        Dossier.ClueRow a = new Dossier.ClueRow("data-protection-notice", "______ Conformément à la loi "
                + "\"informatique et libertés\" du 6 janvier 1978 modifiée en 2004, vous bénéficiez d'un droit…",
                "footer", "1.1", null, null);
        Dossier.ClueRow b = new Dossier.ClueRow("data-protection-notice", "Conformément à la loi \"informatique et "
                + "libertés\" du 6 janvier 1978 modifiée en 2004, vous bénéficiez d'un droit d'accès", "footer", "1.2",
                null, null);
        Dossier.ClueRow other = new Dossier.ClueRow("postal-address", "18 chemin des Cuers", "footer", "1.1", null,
                null);
        assertTrue(DossierBuilder.nearDuplicate(a, b));
        assertFalse(DossierBuilder.nearDuplicate(a, other));
    }

    @Test
    void c2AndC3EveryLinkHasItsOwnDestinationAndTheGroupIsListed() {
        Location where = new Location("1.2.1", "a", "href", null);
        String second = "https://t.sendwave.example/c/" + DossierFixtures.TOKEN + "/L2";
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            List<Link> links = new ArrayList<>(p.links());
            links.add(new Link(second, "t.sendwave.example", "Nos luminaires", null, "T2", where));
            return p.links(links);
        });
        Dossier d = build(e, Complainant.UNKNOWN, Language.FR);
        var click = d.primary().trackers().get(1);
        assertEquals(List.of("L1", "L4"), click.linkIds());
        assertEquals(DossierFixtures.DESTINATION, click.destination(), "the shown link's own destination");
        String x = xhtml(d);
        contains(x, "2 liens de ce type (L1, L4 ; liste en annexe B)", "2 liens, destination propre à chacun",
                "<td>L4</td><td>T2</td><td class=\"small evidence\">Nos luminaires</td>", "non décodable</td>");
        // in the rendering, a link without a destination of its own never shows another link's
        assertFalse(d.primary().previewXhtml().contains("Nos luminaires</a><span class=\"pp-dest\"> [T2 → https"));
    }

    @Test
    void c4TimesAreInParisTimeWithUtc() {
        OffsetDateTime t = OffsetDateTime.parse("2015-03-16T19:43:00-07:00");
        assertEquals("17 mars 2015 à 03:43 (heure de Paris\u202F; 02:43 UTC)", DossierTemplates.dateTime(t, false));
        assertEquals("17 March 2015, 03:43 (Paris time; 02:43 UTC)", DossierTemplates.dateTime(t, true));
        contains(xhtml(newsletter(Complainant.UNKNOWN, Language.FR)), "12 mai 2026 à 09:14 (heure de Paris ; "
                + "07:14 UTC) (dernier en-tête Received)");
    }

    @Test
    void c5IntegrityIsWordedForTheFileAndAFailedSignatureValidOnArrivalIsExplained() {
        String x = xhtml(newsletter(Complainant.UNKNOWN, Language.FR));
        contains(x, "permet de vérifier que le fichier joint est bien celui qui a été analysé ; l'authenticité du "
                + "message lui-même est traitée en section 10");
        lacks(x, "permet de vérifier qu'il n'a pas été modifié");
        CaseEmail changed = DossierFixtures.newsletterCase(p -> {
            Authenticity au = p.authenticity();
            DkimResult fail = new DkimResult("maison-lumiere.example", "sw1", "fail", "body hash mismatch", true,
                    null, List.of("from"), true, "rsa-sha256", null, "relaxed/relaxed", null, null, false, 2048,
                    List.of());
            return p.authenticity(new Authenticity(List.of(fail), au.authenticationResults(), au.receivedChain(),
                    au.deliveredAt()));
        });
        String y = xhtml(build(changed, Complainant.UNKNOWN, Language.FR));
        contains(y, "Le serveur de réception avait validé cette signature à l'arrivée, mais elle ne correspond plus au "
                + "fichier fourni : le fichier a probablement été modifié après réception", "empreinte du corps non "
                + "concordante");
        lacks(y, "body hash mismatch");
    }

    @Test
    void c6SomeMailServicesLoadImagesThroughAProxy() {
        contains(xhtml(newsletter(Complainant.UNKNOWN, Language.FR)), "Certains services de messagerie chargent les "
                + "images par un serveur intermédiaire : l'expéditeur apprend alors l'ouverture, mais pas l'adresse IP "
                + "ni l'appareil réels.");
    }

    @Test
    void c7OnlyTheFileNameIsPrintedNeverItsFolder() {
        CaseEmail e = DossierFixtures.newsletterCase(p -> p.file("/home/camille/Mails/soldes-ete.eml"));
        String x = xhtml(build(e, Complainant.UNKNOWN, Language.FR));
        contains(x, "<td>soldes-ete.eml, ");
        lacks(x, "/home/camille");
    }

    // ----------------------------------------------------------------------- D. letters

    @Test
    void dTheDpoLetterStatesTheExtensionTheChoiceProfilingAndTheSender() {
        Dossier d = newsletter(DossierFixtures.complainant(), Language.FR);
        String dpo = letter(d, LetterKind.DPO_REQUEST);
        contains(dpo, "Vous disposez d'un mois à compter de la réception de cette demande pour y répondre ; ce délai "
                        + "ne peut être prolongé de deux mois que si vous m'en informez, motifs à l'appui, dans le "
                        + "premier mois (article 12, paragraphe 3, du RGPD).",
                "l'existence éventuelle d'un profilage ou d'une prise de décision automatisée fondés sur ces données "
                        + "(article 15, paragraphe 1, h)",
                "[à choisir : conservez l'une des deux options et supprimez l'autre] soit je m'oppose",
                "soit je souhaite continuer à recevoir vos courriels, sans aucun dispositif de suivi",
                "si je l'ai ouvert, quand, et sur quels liens j'ai cliqué");
        lacks(dpo, "quels liens je suis");
        String keep = letter(newsletter(withMarketing(false), Language.FR), LetterKind.DPO_REQUEST);
        contains(keep, "- je souhaite continuer à recevoir vos courriels, sans aucun dispositif de suivi ;");
        lacks(keep, "je m'oppose au traitement");
        String object = letter(newsletter(withMarketing(true), Language.FR), LetterKind.DPO_REQUEST);
        contains(object, "- je m'oppose au traitement de mes données à des fins de prospection");
        lacks(object, "[à choisir");
        String en = letter(newsletter(withMarketing(false), Language.EN), LetterKind.DPO_REQUEST);
        contains(en, "that period may be extended by two months only if you inform me, with reasons, within the first "
                + "month (Article 12(3) GDPR)", "whether these data are used for profiling or automated "
                + "decision-making (Article 15(1)(h))", "wish to keep receiving your e-mails, without any tracking "
                + "device", "whether and when I open it and which links I click");
        // the deadline runs from receipt: the computed date says it counts from sending
        String x = xhtml(d);
        contains(x, "20 mai 2026 (à compter de l'envoi ; ajoutez le délai d'acheminement)", "Le délai d'un mois a "
                + "expiré le 20 mai 2026 sans réponse indiquée et, si aucune prolongation ne vous a été notifiée");
        // D5: once the request is sent, how-to-file gives only the sentence that applies
        String how = letter(d, LetterKind.HOW_TO_FILE);
        contains(how, "Vous avez envoyé votre demande le 20 avril 2026 : le délai d'un mois a expiré le 20 mai 2026");
        lacks(how, "Envoyez d'abord le courrier au DPO");
        // D6: the sender named as a reader would, not the raw header
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "j'ai reçu de Maison Lumière (newsletter@maison-lumiere.example)");
        lacks(letter(d, LetterKind.CNIL_COMPLAINT), "<newsletter@");
    }

    private static Complainant withMarketing(boolean object) {
        Complainant c = DossierFixtures.complainant();
        return new Complainant(c.name(), c.postalAddress(), c.email(), c.addressGivenHow(), c.addressGivenWhen(),
                c.consentAsked(), c.priorRequest(), null, null, null, null, null, object);
    }

    // ----------------------------------------------------------------------- E. wording

    @Test
    void eWordingTypographyAndElision() {
        Dossier d = newsletter(DossierFixtures.complainant(), Language.FR);
        String raw = TEMPLATES.dossierXhtml(d);
        assertTrue(raw.contains("Référence : ") || raw.contains("Personne plaignante</th>"), "sanity");
        assertTrue(raw.contains("\u00A0:") && raw.contains("«\u00A0") && raw.contains("\u00A0»")
                && raw.contains("\u202F;"), "French non-breaking spaces before : ; and inside « »");
        assertTrue(raw.contains("«\u00A0Soldes d&#39;été : jusqu&#39;à -40 % sur nos luminaires\u00A0»"),
                "the subject itself is quoted unchanged, inside French guillemets");
        String x = DossierTemplatesTest.plain(raw);
        contains(x, "Personne plaignante", "Réception du message", "SHA-256 de l'original");
        lacks(x, "Plaignant·e", "Le message a été reçu</th>", "en ne gardant que la date du dernier jour");
        assertEquals(1, count(x, "Aucune sanction visant"), "the sanctions' context is said once");
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        assertTrue(complaint.contains("encodée en Base64.\n"), "the last item of the list ends with a full stop");
        assertEquals("d'Amazon", DossierTemplates.withDe("Amazon"));
        assertEquals("d'Élise", DossierTemplates.withDe("Élise"));
        assertEquals("de Jean", DossierTemplates.withDe("Jean"));
        assertEquals("de Yahoo", DossierTemplates.withDe("Yahoo"));
        String en = letter(newsletter(Complainant.UNKNOWN, Language.EN), LetterKind.HOW_TO_FILE);
        contains(en, "you would have to bring a claim before a court");
        lacks(en, "a court must be seized");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void eNoEnglishDiagnosticsInTheFrenchDossier() {
        String x = xhtml(newsletter(DossierFixtures.complainant(), Language.FR));
        contains(x, "partie MIME 1.2.1, élément <span class=\"mono\">&lt;img src&gt;</span>", "en-tête List-Unsubscribe",
                "correspond à la règle sendwave.open", "taille déclarée width=1 height=1", "masqué (CSS display:none)",
                "non vérifiée : recherche des clés désactivée", "pied de message, partie MIME 1.2.1");
        lacks(x, "part 1.2.1", "header List-Unsubscribe", "matches sendwave", "footer text", "key lookups switched off",
                "(base64, query parameter e)");
    }

    @Test
    void eSectionsAreNumberedContiguously() {
        Dossier one = newsletter(Complainant.UNKNOWN, Language.FR);
        assertEquals(0, one.sections().multi());
        assertEquals(11, one.sections().legal());
        assertEquals(14, one.sections().letters());
        String x = xhtml(one);
        contains(x, "<h2>11. Fondements juridiques et demande à la CNIL</h2>", "<h2>14. Courriers</h2>",
                "est traitée en section 10", "Le courrier au DPO de la section 14 sert à cela");
        contains(xhtml(newsletter(DossierFixtures.complainant(), Language.FR)), "(section 13)");
        lacks(x, "<h2>12. Fondements", "<h2>15. Courriers");
        byte[] second = DossierBuilderTest.withExtraHeader(DossierFixtures.newsletterBytes(), "X-Copy: 2");
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Nouveautés de juin");
        Dossier two = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(),
                new CaseEmail(a2, second, TestEmails.read(second, "juin.eml"))), Complainant.UNKNOWN, Language.FR);
        assertEquals(11, two.sections().multi());
        assertEquals(12, two.sections().legal());
        contains(xhtml(two), "<h2>11. Plusieurs messages, un même dossier</h2>", "<h2>12. Fondements juridiques",
                "SHA-256 des originaux", "Pièces jointes");
    }

    // ----------------------------------------------------------------------- A2. copies of a campaign

    @Test
    void a2OnlyValuesThatDifferBetweenTwoCopiesArePerRecipientAndTheOtherPersonsCopyNeedsTheirAgreement() {
        String token = DossierFixtures.TOKEN;
        String otherToken = "c41d0e9b77a2f3e8d510";
        String account = "5e78d7ef2297cc80842b7591e";
        String original = new String(DossierFixtures.newsletterBytes(), StandardCharsets.ISO_8859_1);
        byte[] second = original.replace(token, otherToken).replace("camille.durand", "dominique.petit")
                .replace("Camille Durand", "Dominique Petit").getBytes(StandardCharsets.ISO_8859_1);
        // the analyses name the account id and an unfilled merge tag as per-recipient tokens, as a heuristic might
        CaseEmail first = DossierFixtures.newsletterCase(p -> p.trackers(p.trackers().stream().map(t ->
                retoken(t, t.url() + "&u=" + account, List.of("u=" + account, "mc_eid=UNIQID"))).toList()));
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Soldes d'été : jusqu'à -40 % sur nos luminaires");
        Analysis renamed = DossierFixtures.with(a2, p -> p.trackers(p.trackers().stream().map(t -> retoken(t,
                t.url().replace(token, otherToken).replace("Y2FtaWxsZS5kdXJhbmRAZXhhbXBsZS5vcmc",
                        "ZG9taW5pcXVlLnBldGl0QGV4YW1wbGUub3Jn") + "&u=" + account,
                List.of("u=" + account, "mc_eid=UNIQID"))).toList()));
        Analysis other = new Analysis(renamed.id(), renamed.file(), renamed.sha256(), renamed.sizeBytes(),
                renamed.analysedAt(), renamed.toolVersion(), renamed.rulesVersion(), renamed.verdict(),
                renamed.message(), List.of("dominique.petit@example.org"), renamed.trackers(), renamed.remoteContent(),
                renamed.consentMarkers(), renamed.missingConsentMarkers(), renamed.links(), renamed.sender(),
                renamed.assessment(), renamed.authenticity(), renamed.anomalies());
        Dossier d = DossierFixtures.builder().build(List.of(first, new CaseEmail(other, second,
                TestEmails.read(second, "copie.eml"))), DossierFixtures.complainant(), Language.FR);

        var c = d.copyComparisons().get(0);
        assertTrue(c.messageIdDiffers() || c.differences().stream().noneMatch(x -> x.refA().equals("Message-ID")));
        assertTrue(c.differences().stream().noneMatch(x -> x.refA().equals("Message-ID")), "Message-ID left out");
        assertTrue(c.differences().stream().noneMatch(x -> x.valueA().contains("UNIQID")));
        var pixel = d.primary().trackers().get(2);
        assertTrue(pixel.perRecipientTokens().stream().noneMatch(x -> x.contains(account)), "the account id is the "
                + "same in both copies: not per recipient " + pixel.perRecipientTokens());
        assertTrue(pixel.perRecipientTokens().stream().noneMatch(x -> x.contains("UNIQID")), "merge tag");
        assertTrue(pixel.perRecipientTokens().contains("path=" + token + ".gif"), pixel.perRecipientTokens().toString());
        assertTrue(pixel.differsBetweenCopies());
        assertTrue(d.primary().ownCopy());
        assertFalse(d.emails().get(1).ownCopy());

        String x = xhtml(d);
        contains(x, "Hors le Message-ID, propre à chaque envoi par construction, les différences portent sur",
                "E2 a été reçu par une autre personne", "Ne le produisez qu'avec son accord écrit ou un mandat");
        lacks(x, "ces différences ne s'expliquent que par l'identification de chaque destinataire");
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "Le même jour, [à compléter : nom], qui m'autorise à produire son exemplaire ([accord "
                + "écrit ou mandat joint]), a reçu le même courriel (E2).", "accord écrit ou mandat de la personne "
                + "qui a reçu l'autre exemplaire");
        assertEquals(1, count(complaint, "j'ai reçu"), "the complainant received one of the two copies");
        String dpo = letter(d, LetterKind.DPO_REQUEST);
        contains(dpo, "Ce message contient 3 dispositifs de suivi");
        lacks(dpo, "6 dispositifs");
    }

    private static Tracker retoken(Tracker t, String url, List<String> extra) {
        List<String> tokens = new ArrayList<>(t.perRecipientTokens());
        tokens.addAll(extra);
        return new Tracker(t.id(), t.kind(), url, t.host(), t.vendor(), t.vendorDetails(), t.party(),
                t.recipientIdentifiers(), tokens, t.confidence(), t.signals(), t.hiddenBy(), t.location(),
                t.evidence(), t.ruleId(), t.destination(), t.wrappedBy());
    }

    @Test
    void ordinaryLinksOfTheSendersOwnSiteAreSetAside() {
        Location where = new Location("1.1", "text", null, null);
        String shop = "https://shop.maison-lumiere.example/soldes/?mc_cid=2ed1232679&mc_eid=UNIQID";
        Tracker t4 = new Tracker("T4", org.pixelproof.detect.TrackerKind.CLICK_TRACKING, shop,
                "shop.maison-lumiere.example", "SendWave", new org.pixelproof.detect.VendorRef("sendwave", "SendWave",
                        "SendWave Inc.", "US", true), Party.FIRST_PARTY, List.of(), List.of("mc_eid=UNIQID"),
                org.pixelproof.detect.Confidence.HIGH, List.of(new org.pixelproof.detect.Signal("recipient-parameter",
                        "parameter mc_eid (param.mailchimp.mc_eid) (1 links)")), List.of(), where, shop,
                "heuristic.recipient-parameter", null, null);
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            List<Tracker> trackers = new ArrayList<>(p.trackers());
            trackers.add(t4);
            return p.trackers(trackers);
        });
        Dossier d = build(e, Complainant.UNKNOWN, Language.FR);
        assertEquals(3, d.trackerCount());
        assertEquals(List.of("T4"), d.primary().setAside().stream().map(Dossier.TrackerRow::id).toList());
        contains(xhtml(d), "T4 écarté : lien direct vers le site de l'expéditeur");
        assertTrue(d.organisation().vendors().get(0).trackerIds().stream().noneMatch("T4"::equals));
    }

    @Test
    void timelineGivesTheGdprDateOnlyForOldMessages() {
        Dossier recent = newsletter(Complainant.UNKNOWN, Language.FR);
        assertTrue(recent.primary().timeline().stream().noneMatch(t -> t.keyDateId().equals("gdpr-application")));
        assertNull(recent.primary().copyDifference(), "the complainant's own copy");
        assertFalse(recent.caveats().contains("received-before-gdpr"));
    }
}
