package org.pixelproof.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the API page, as a Qute message bundle of their own: {@code {api:key}} in
 * {@code HomeResource/api.html}. The texts live in {@code messages/api_fr.properties} (French, the default) and
 * {@code messages/api_en.properties}. Kept apart from {@link Messages} for the reason {@link PrivacyMessages} gives
 * (Quarkus 3.33 and bundles of more than 300 keys). The build fails when a template uses a missing key.
 */
@MessageBundle(value = "api", locale = "fr")
public interface ApiPageMessages {

    @Message
    String api_title();

    @Message
    String api_intro();

    @Message
    String api_spec_json();

    @Message
    String api_spec_yaml();

    @Message
    String api_col_call();

    @Message
    String api_col_what();

    @Message
    String api_create();

    @Message
    String api_get();

    @Message
    String api_dossier();

    @Message
    String api_original();

    @Message
    String api_delete();

    @Message
    String api_example();
}
