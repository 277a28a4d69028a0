package org.pixelproof.analysis;

import java.util.List;

/**
 * The message's identification, as the dossier lists it. Decoded header values; {@code null} when absent.
 *
 * @param from                 From, as {@code Analyzer} shows it: each mailbox written back as {@code "Display name"
 *                             <address>} (name quoted when needed), or the raw field when no address can be read
 * @param to                   To, decoded
 * @param cc                   Cc, decoded
 * @param replyTo              Reply-To
 * @param date                 Date, as written
 * @param subject              Subject, decoded (RFC 2047)
 * @param messageId            Message-ID
 * @param returnPath           Return-Path
 * @param listUnsubscribe      List-Unsubscribe
 * @param listUnsubscribePost  List-Unsubscribe-Post (RFC 8058 one-click)
 * @param listId               List-Id
 * @param deliveredTo          Delivered-To and X-Original-To values
 * @param forwarded            true when the upload wrapped this message as an attachment
 */
public record MessageSummary(
        String from,
        String to,
        String cc,
        String replyTo,
        String date,
        String subject,
        String messageId,
        String returnPath,
        String listUnsubscribe,
        String listUnsubscribePost,
        String listId,
        List<String> deliveredTo,
        boolean forwarded) {

    public MessageSummary {
        deliveredTo = List.copyOf(deliveredTo);
    }
}
