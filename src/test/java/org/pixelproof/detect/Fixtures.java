package org.pixelproof.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.LinkWrapper;
import org.pixelproof.rules.PatternKind;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.TrackingParameter;
import org.pixelproof.rules.Vendor;
import org.pixelproof.rules.VendorPattern;

/** Messages and a small rule set built by hand, so that detection is tested independently of ingest and rules. */
final class Fixtures {

    private Fixtures() {
    }

    static final String RECIPIENT = "alex.martin@example.org";

    /** A message from {@code news@boulangerie-exemple.fr} to {@link #RECIPIENT} with one HTML body. */
    static ReceivedEmail html(String html, String... extraHeaders) {
        return message(List.of(new BodyText("1", BodyKind.HTML, html, "utf-8", "UTF-8", false)), extraHeaders);
    }

    static ReceivedEmail message(List<BodyText> bodies, String... extraHeaders) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("From", " Boulangerie Exemple <news@boulangerie-exemple.fr>",
                "Boulangerie Exemple <news@boulangerie-exemple.fr>"));
        headers.add(new Header("To", " Alex Martin <" + RECIPIENT + ">", "Alex Martin <" + RECIPIENT + ">"));
        headers.add(new Header("Subject", " Test", "Test"));
        for (String h : extraHeaders) {
            int colon = h.indexOf(':');
            headers.add(new Header(h.substring(0, colon), h.substring(colon + 1), h.substring(colon + 1).trim()));
        }
        MimePart root = new MimePart("1", bodies.size() == 1 ? "text/html" : "multipart/alternative", "utf-8", null,
                null, null, null, 0, List.of());
        byte[] raw = "x".getBytes(StandardCharsets.US_ASCII);
        return new ReceivedEmail("test.eml", "0".repeat(64), raw.length, headers, root, bodies, List.of(), null, raw);
    }

    static Pattern ci(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    static VendorPattern pattern(String id, PatternKind kind, String hostRegex, String pathRegex) {
        return new VendorPattern(id, kind, ci(hostRegex), pathRegex == null ? null : ci(pathRegex), "test", 1);
    }

    /** Mailchimp, SendGrid, Mailjet, Amazon SES and Litmus-like vendors, the usual parameters and wrappers. */
    static RuleSet rules() {
        List<Vendor> vendors = List.of(
                new Vendor("mailchimp", "Mailchimp", "The Rocket Science Group LLC", "US", "esp", List.of(
                        pattern("mailchimp.open", PatternKind.OPEN, "(?:[a-z0-9-]+\\.)*list-manage\\.com",
                                "^/track/open\\.php"),
                        pattern("mailchimp.click", PatternKind.CLICK, "(?:[a-z0-9-]+\\.)*list-manage\\.com",
                                "^/track/click"),
                        pattern("mailchimp.asset", PatternKind.ASSET, "(?:[a-z0-9-]+\\.)*mcusercontent\\.com", null)),
                        List.of("X-MC-User"), "test"),
                new Vendor("sendgrid", "SendGrid", "Twilio Inc.", "US", "esp", List.of(
                        pattern("sendgrid.open", PatternKind.OPEN, "(?:[a-z0-9-]+\\.)*sendgrid\\.net", "^/wf/open"),
                        pattern("sendgrid.click", PatternKind.CLICK, "(?:[a-z0-9-]+\\.)*sendgrid\\.net",
                                "^/ls/click")),
                        List.of(), "test"),
                new Vendor("mailjet", "Mailjet", "Mailjet SAS", "FR", "esp", List.of(
                        pattern("mailjet.open", PatternKind.OPEN, "[a-z0-9]+\\.mjt\\.lu", "^/oo/"),
                        pattern("mailjet.click", PatternKind.CLICK, "[a-z0-9]+\\.mjt\\.lu", "^/lnk/")),
                        List.of("X-MJ-Mid"), "test"),
                new Vendor("amazon-ses", "Amazon SES", "Amazon Web Services Inc.", "US", "transactional", List.of(
                        pattern("amazon-ses.open", PatternKind.OPEN, "(?:[a-z0-9-]+\\.)*awstrack\\.me", "^/I0/"),
                        pattern("amazon-ses.click", PatternKind.CLICK, "(?:[a-z0-9-]+\\.)*awstrack\\.me",
                                "^/L0/")),
                        List.of(), "test"),
                new Vendor("litmus", "Litmus", "Litmus Software Inc.", "US", "analytics", List.of(
                        pattern("litmus.open", PatternKind.OPEN, "(?:[a-z0-9-]+\\.)*emltrk\\.com", null)),
                        List.of(), "test"));
        List<TrackingParameter> params = List.of(
                new TrackingParameter("mailchimp.mc_eid", ci("mc_eid"), "recipient", "mailchimp", "test", 1),
                new TrackingParameter("hubspot._hsenc", ci("_hsenc|_hsmi"), "recipient", "hubspot", "test", 2),
                new TrackingParameter("utm", ci("utm_.*"), "campaign", null, "test", 3),
                new TrackingParameter("destination", ci("url|u|redirect|target|dest"), "destination", null, "test",
                        4));
        List<LinkWrapper> wrappers = List.of(
                new LinkWrapper("outlook-safelinks", "Microsoft Defender Safe Links",
                        ci("(?:[a-z0-9-]+\\.)*safelinks\\.protection\\.outlook\\.com"), "url", "query", "test", 1),
                new LinkWrapper("proofpoint-v2", "Proofpoint URL Defense v2", ci("urldefense\\.proofpoint\\.com"),
                        "u", "proofpoint-v2", "test", 2),
                new LinkWrapper("proofpoint-v3", "Proofpoint URL Defense v3", ci("urldefense\\.com"), null,
                        "proofpoint-v3", "test", 3),
                new LinkWrapper("gmail-image-proxy", "Gmail image proxy", ci("ci\\d+\\.googleusercontent\\.com"),
                        null, "fragment", "test", 4),
                new LinkWrapper("google-redirect", "Google redirect", ci("www\\.google\\.com"), "q", "query", "test",
                        5));
        return new RuleSet("test", vendors, List.of(), List.of(), params, wrappers, List.of(), List.of());
    }
}
