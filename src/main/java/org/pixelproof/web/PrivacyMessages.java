package org.pixelproof.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the privacy page, as a Qute message bundle of their own: {@code {privacy:key}} in
 * {@code HomeResource/privacy.html}. The texts live in {@code messages/privacy_fr.properties} (French, the default)
 * and {@code messages/privacy_en.properties}. They are kept apart from {@link Messages} because Quarkus 3.33's
 * generated resolver of a bundle of more than 300 keys fails to load (a {@code VerifyError}, quarkusio/quarkus#55584,
 * fixed in a later release): each bundle stays under that size. The build fails when a template uses a missing key.
 */
@MessageBundle(value = "privacy", locale = "fr")
public interface PrivacyMessages {

    @Message
    String privacy_title();

    @Message
    String privacy_lead();

    @Message
    String privacy_stored_title();

    @Message
    String privacy_stored_original();

    @Message
    String privacy_stored_analysis();

    @Message
    String privacy_stored_complainant();

    @Message
    String privacy_stored_documents();

    @Message
    String privacy_retention_title();

    @Message
    String privacy_access_title();

    @Message
    String privacy_access();

    @Message
    String privacy_delete_title();

    @Message
    String privacy_delete();

    @Message
    String privacy_never_title();

    @Message
    String privacy_never_fetch();

    @Message
    String privacy_never_tracking();

    @Message
    String privacy_never_logs();

    @Message
    String privacy_never_share();

    @Message
    String privacy_cookies_title();

    @Message
    String privacy_cookie_name();

    @Message
    String privacy_cookie_purpose();

    @Message
    String privacy_cookie_duration();

    @Message
    String privacy_cookie_mine();

    @Message
    String privacy_cookie_lang();

    @Message
    String privacy_cookie_csrf();

    @Message
    String privacy_cookies_note();

    @Message
    String privacy_limits_title();

    @Message
    String privacy_dkim_title();

    @Message
    String privacy_dkim();

    @Message
    String privacy_cleaned();

    @Message
    String privacy_dkim_on();

    @Message
    String privacy_dkim_off();

    @Message
    String privacy_retention(int days);

    @Message
    String privacy_days(int n);

    @Message
    String privacy_hours(int n);

    @Message
    String privacy_limits(long mb);
}
