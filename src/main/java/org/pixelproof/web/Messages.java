package org.pixelproof.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import org.pixelproof.assess.Verdict;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.TrackerKind;

/**
 * Every word the web pages show, as a Qute message bundle: {@code {msg:key}} in templates. The texts live in
 * {@code messages/msg_fr.properties} (French, the default) and {@code messages/msg_en.properties}; none are in code.
 * Methods taking an enum read the key {@code method_CONSTANT}, or {@code method_$CONSTANT} when the constant
 * holds an underscore (Qute's rule). The build fails when a template uses a missing key.
 */
@MessageBundle(value = "msg", locale = "fr")
public interface Messages {

    @Message
    String skip_to_content();

    @Message
    String nav_label();

    @Message
    String nav_home();

    @Message
    String nav_mine();

    @Message
    String nav_privacy();

    @Message
    String switch_language();

    @Message
    String footer_text();

    @Message
    String footer_api();

    @Message
    String home_title();

    @Message
    String home_lead();

    @Message
    String home_what_title();

    @Message
    String home_what_1();

    @Message
    String home_what_2();

    @Message
    String home_upload_fate_title();

    @Message
    String home_fate_nothing_loaded();

    @Message
    String home_fate_stored(long days);

    @Message
    String home_fate_link();

    @Message
    String home_fate_delete();

    @Message
    String home_fate_more();

    @Message
    String home_deleted();

    @Message
    String upload_title();

    @Message
    String upload_problem_title();

    @Message
    String upload_file_label();

    @Message
    String upload_file_hint(long mb);

    @Message
    String upload_drop_here();

    @Message
    String upload_chosen();

    @Message
    String upload_or();

    @Message
    String upload_source_label();

    @Message
    String upload_source_hint();

    @Message
    String upload_recipient_label();

    @Message
    String upload_recipient_hint();

    @Message
    String upload_submit();

    @Message
    String upload_after();

    @Message
    String help_title();

    @Message
    String help_intro();

    @Message
    String help_gmail_1();

    @Message
    String help_gmail_2();

    @Message
    String help_gmail_3();

    @Message
    String help_outlook_1();

    @Message
    String help_outlook_2();

    @Message
    String help_outlook_3();

    @Message
    String help_thunderbird_1();

    @Message
    String help_thunderbird_2();

    @Message
    String help_thunderbird_3();

    @Message
    String help_apple_1();

    @Message
    String help_apple_2();

    @Message
    String help_apple_3();

    @Message
    String help_forward_warning();

    /** @return the localized problem of a Problem constant (keys problem_CONSTANT). */
    @Message
    String problem(Problem value);

    @Message
    String error_heading();

    @Message
    String error_status(int status);

    @Message
    String error_reference(String reference);

    @Message
    String error_home();

    @Message
    String error_unsupported_language(String asked);

    @Message
    String error_show_in_fr();

    @Message
    String error_show_in_en();

    @Message
    String result_title();

    /** @return the localized verdict sentence of a Verdict constant (keys verdict_sentence_CONSTANT). */
    @Message
    String verdict_sentence(Verdict value);

    /** @return the localized verdict short of a Verdict constant (keys verdict_short_CONSTANT). */
    @Message
    String verdict_short(Verdict value);

    /** @return the localized caveat of a Verdict constant (keys caveat_CONSTANT). */
    @Message
    String caveat(Verdict value);

    /**
     * @param kinds the kinds of consent markers found, at most once each, both unsubscribe kinds given as
     *              {@link ConsentMarkerType#UNSUBSCRIBE_LINK} (see {@code ViewExtensions#markerKinds}); empty for none
     * @return the counts under the verdict, naming the kinds of markers actually found
     */
    @Message
    String result_counts(int trackers, int markers, java.util.List<ConsentMarkerType> kinds, int remote);

    /** @return how many times one host was loaded the same way, e.g. "22 fois" (shown when more than once). */
    @Message
    String remote_times(int count);

    @Message
    String result_go_documents();

    /** @return the warning shown under the verdict when a limit left part of the message unanalysed. */
    String result_part_not_analysed();

    @Message
    String result_fill_form();

    /** @return the label of the link to the details form once details were saved ("Modifier mes coordonnées"). */
    @Message
    String result_edit_details();

    @Message
    String result_saved();

    @Message
    String result_points();

    @Message
    String verdict_doubtful();

    @Message
    String verdict_incomplete();

    @Message
    String result_nothing_found_in_part();

    @Message
    String verdict_doubtful_why();

    @Message
    String result_toc();

    @Message
    String field_subject();

    @Message
    String field_from();

    @Message
    String field_date();

    @Message
    String section_trackers();

    @Message
    String trackers_none();

    @Message
    String trackers_intro();

    @Message
    String col_vendor();

    @Message
    String col_kind();

    @Message
    String col_host();

    @Message
    String col_hidden();

    @Message
    String col_identifiers();

    @Message
    String col_confidence();

    @Message
    String vendor_unknown();

    @Message
    String show_url();

    @Message
    String destination_label();

    @Message
    String hidden_no();

    @Message
    String identifiers_none();

    @Message
    String identifier_found(String encoding, String where);

    @Message
    String tokens_label();

    /** @return the localized kind of a TrackerKind constant (keys kind_CONSTANT). */
    @Message
    String kind(TrackerKind value);

    /** @return the localized confidence of a Confidence constant (keys confidence_CONSTANT). */
    @Message
    String confidence(Confidence value);

    @Message
    String what_sender_learns_title();

    /**
     * @param receiptOnly true when only a read receipt tells of the reading (no tracker loads on opening): it is then
     *                    said as what the receipt, if sent, reveals
     * @return that the sender learns the opening
     */
    @Message
    String learns_open(boolean receiptOnly);

    @Message
    String learns_device();

    @Message
    String learns_click();

    /** @return that the trackers {@code ids} ("T1, T3"), {@code count} of them, tie what they reveal to the person. */
    @Message
    String learns_identity(String ids, int count);

    @Message
    String section_markers();

    @Message
    String markers_intro();

    @Message
    String markers_found();

    @Message
    String markers_found_none();

    @Message
    String markers_missing();

    @Message
    String markers_missing_none();

    /** @return the localized marker of a ConsentMarkerType constant (keys marker_CONSTANT). */
    @Message
    String marker(ConsentMarkerType value);

    @Message
    String section_sender();

    @Message
    String sender_org();

    @Message
    String sender_org_from_name();

    @Message
    String sender_from();

    @Message
    String sender_reply_to();

    @Message
    String sender_return_path();

    @Message
    String sender_dkim();

    @Message
    String sender_postal();

    @Message
    String sender_siren_invalid();

    @Message
    String sender_privacy();

    @Message
    String sender_dpo();

    @Message
    String sender_privacy_tracked();

    @Message
    String sender_doubtful_title();

    @Message
    String sender_doubtful_text();

    @Message
    String sender_doubtful_reasons();

    @Message
    String host_party();

    @Message
    String sender_missing_intro();

    @Message
    String sender_unknown();

    @Message
    String section_remote();

    @Message
    String remote_none();

    @Message
    String remote_intro();

    @Message
    String section_preview();

    @Message
    String preview_intro();

    @Message
    String preview_frame_title();

    @Message
    String section_documents();

    @Message
    String documents_intro();

    @Message
    String documents_no_complainant();

    @Message
    String download_dossier();

    @Message
    String download_other_language();

    @Message
    String download_letter_dpo();

    @Message
    String download_letter_cnil();

    @Message
    String download_letter_howto();

    @Message
    String download_as_text();

    @Message
    String download_cleaned_eml();

    @Message
    String download_cleaned_html();

    @Message
    String download_json();

    @Message
    String section_keep();

    @Message
    String keep_text(String date);

    @Message
    String keep_link();

    @Message
    String delete_button();

    @Message
    String section_technical();

    @Message
    String tech_size();

    @Message
    String tech_file();

    @Message
    String tech_analysed();

    @Message
    String tech_versions();

    @Message
    String tech_rules();

    @Message
    String tech_anomalies(int n);

    /** @param n a size, its digits already grouped ({@code ViewExtensions.grouped}) */
    @Message
    String bytes(String n);

    @Message
    String dossier_title();

    @Message
    String dossier_back();

    @Message
    String dossier_lead();

    @Message
    String dossier_privacy();

    /** Which answers of the dossier form the complaint and the letters quote word for word (in English: in French). */
    @Message
    String dossier_quoted();

    /** Above the list of dates the dossier form refused. */
    @Message
    String dossier_problems();

    @Message
    String dossier_identity();

    @Message
    String dossier_name();

    @Message
    String dossier_postal();

    @Message
    String dossier_email();

    @Message
    String dossier_relation();

    @Message
    String dossier_how();

    @Message
    String dossier_how_hint();

    @Message
    String dossier_when();

    @Message
    String dossier_when_hint();

    @Message
    String dossier_date();

    @Message
    String dossier_period();

    @Message
    String dossier_period_before();

    @Message
    String dossier_period_after();

    @Message
    String dossier_period_unknown();

    @Message
    String dossier_never_given();

    @Message
    String dossier_marketing();

    @Message
    String dossier_marketing_object();

    @Message
    String dossier_marketing_keep();

    @Message
    String dossier_marketing_choose();

    @Message
    String dossier_consent();

    @Message
    String dossier_consent_no();

    @Message
    String dossier_consent_yes();

    @Message
    String dossier_consent_unknown();

    @Message
    String dossier_earlier();

    @Message
    String dossier_earlier_hint();

    @Message
    String dossier_earlier_date();

    @Message
    String dossier_earlier_content();

    @Message
    String dossier_answer_date();

    @Message
    String dossier_answer_content();

    @Message
    String dossier_acting();

    @Message
    String dossier_acting_hint();

    @Message
    String dossier_acting_for();

    @Message
    String dossier_mandate();

    @Message
    String dossier_submit();

    @Message
    String mine_title();

    @Message
    String mine_intro();

    @Message
    String mine_empty();

    @Message
    String mine_analyse_one();

    @Message
    String mine_analysed_on(String when);

    @Message
    String mine_expires_on(String when);

    @Message
    String mine_cookie_note();

    @Message
    String untitled();

    @Message
    String home_fate_dkim();

    @Message
    String problem_several_messages(int n);

    /** The upload form's reason when the analysis was abandoned at {@code pixelproof.analysis.timeout}. */
    @Message
    String problem_analysis_timed_out(long seconds);

    @Message
    String result_nothing_to_complain();

    @Message
    String result_go_copies();

    @Message
    String documents_nothing_to_complain();

    @Message
    String documents_copies_title();

    @Message
    String documents_cleaned_note();

    @Message
    String download_cnil_other_language();

    @Message
    String delete_confirm_title();

    @Message
    String delete_confirm_text();

    @Message
    String delete_confirm_button();

    @Message
    String delete_cancel();

    @Message
    String home_fate_no_dns();

}
