package org.pixelproof.detect;

import java.util.List;
import java.util.Locale;

/**
 * Default sub-domains that shared cloud mail and hosting platforms give each customer ("tenant"): Microsoft 365's
 * {@code contoso.onmicrosoft.com}, Amazon WorkMail's {@code contoso.awsapps.com}, Firebase's
 * {@code contoso-app.firebaseapp.com}. Such a domain is the <em>tenant's</em>, not the platform's: anyone creates one
 * in minutes, free (a trial account), under a name of their choosing, and the platform sends its own mail from its own
 * domains ({@code microsoft.com}, {@code amazon.com}). So, for the sender's identity:
 * <ul>
 * <li>the organisation such a domain stands for is the tenant: the domain itself ({@link #organisationalDomain}), not
 * the platform's registrable domain ({@code onmicrosoft.com}, which the Public Suffix List's ICANN section gives, as
 * {@link Domains} reads it), so that two tenants are two senders;</li>
 * <li>only the tenant's label ({@link #tenantLabel}, {@code contoso}) can tie the message to a name: the platform's
 * labels never do ({@code microsoft} is inside {@code onmicrosoft}, {@code amazon} is the platform's owner), so a
 * copied Microsoft footer sent from {@code anything.onmicrosoft.com} is not taken for Microsoft's own mail;</li>
 * <li>a message presenting itself as an organisation that the tenant's label does not carry gets
 * {@link SenderIdentityCheck#FROM_PLATFORM_TENANT_DOMAIN}.</li>
 * </ul>
 *
 * <p>The list holds only platforms whose documentation states the tenant default domain and whose accounts anyone can
 * open: Microsoft 365 / Exchange Online ("initial domain" {@code <tenant>.onmicrosoft.com}, and its mail routing
 * domain {@code <tenant>.mail.onmicrosoft.com}; Microsoft Learn, "Add a domain to Microsoft 365"), Amazon WorkMail
 * (the organisation's "test mail domain" {@code <alias>.awsapps.com}; Amazon WorkMail Administrator Guide, "Working
 * with domains") and Google Firebase (Firebase Authentication sends its e-mails from
 * {@code noreply@<project>.firebaseapp.com} until a custom domain is set; Firebase documentation, "Customize email
 * templates"). A platform missing here only means its tenants' domains are compared as any other domain. Public
 * mailbox providers, where a person opens an address rather than an organisation a domain, are
 * {@link PublicMailboxProviders}. Pure string work, no DNS. Immutable; thread-safe.
 */
public final class PlatformTenantDomains {

    /**
     * One platform.
     *
     * @param suffix   the domain under which each tenant gets one label, lower case, without a leading dot
     * @param platform the platform's name, for reports
     */
    public record Platform(String suffix, String platform) {
    }

    /** The platforms, a longer suffix before a shorter one it ends with ({@code mail.onmicrosoft.com} first). */
    public static final List<Platform> PLATFORMS = List.of(
            new Platform("mail.onmicrosoft.com", "Microsoft 365"),
            new Platform("onmicrosoft.com", "Microsoft 365"),
            new Platform("awsapps.com", "Amazon WorkMail"),
            new Platform("firebaseapp.com", "Google Firebase"));

    private PlatformTenantDomains() {
    }

    /**
     * @param host a host name or a From domain, any case, trailing dots allowed, may be {@code null}
     * @return the platform whose tenant the host belongs to (the host is {@code <tenant>.<suffix>} or a sub-domain of
     *         it), or {@code null}: for any other host, and for the platform's suffix itself
     *         ({@code onmicrosoft.com}), which is no tenant's
     */
    public static Platform platformOf(String host) {
        String h = normalise(host);
        if (h == null) {
            return null;
        }
        for (Platform p : PLATFORMS) {
            if (h.endsWith("." + p.suffix()) && h.length() > p.suffix().length() + 1) {
                return p;
            }
        }
        return null;
    }

    /**
     * @param host a host name, any case, may be {@code null}
     * @return the tenant's domain the host lies under, lower case ({@code contoso.onmicrosoft.com} for
     *         {@code Contoso.onmicrosoft.com} and {@code smtp.contoso.onmicrosoft.com}), or {@code null} when the
     *         host is no platform tenant's
     */
    public static String tenantDomain(String host) {
        Platform p = platformOf(host);
        if (p == null) {
            return null;
        }
        String h = normalise(host);
        String rest = h.substring(0, h.length() - p.suffix().length() - 1);
        return rest.substring(rest.lastIndexOf('.') + 1) + "." + p.suffix();
    }

    /**
     * @param host a host name, any case, may be {@code null}
     * @return the tenant's own label ({@code contoso} of {@code contoso.onmicrosoft.com}), or {@code null} when the
     *         host is no platform tenant's
     */
    public static String tenantLabel(String host) {
        String t = tenantDomain(host);
        return t == null ? null : t.substring(0, t.indexOf('.'));
    }

    /**
     * The domain that stands for the organisation running a host, as far as the sender's identity is concerned.
     *
     * @param host a host name, lower case, may be {@code null}
     * @return the tenant's domain for a platform tenant's host ({@link #tenantDomain}), else its registrable domain
     *         ({@link Domains#registrable}); {@code null} for {@code null}
     */
    public static String organisationalDomain(String host) {
        String t = tenantDomain(host);
        return t != null ? t : Domains.registrable(host);
    }

    private static String normalise(String host) {
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h;
    }
}
