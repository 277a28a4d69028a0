package org.pixelproof.detect;

/** Who runs the host a tracker points at, relative to the sender. */
public enum Party {
    /** The sender's own domain (From, DKIM {@code d=} or Return-Path, same registrable domain). */
    FIRST_PARTY,
    /** A subdomain of the sender's domain operated by an ESP (e.g. {@code click.brand.com} pointing at an ESP). */
    ESP_ON_SENDER_DOMAIN,
    /** A host of the ESP or vendor itself. */
    VENDOR,
    /** Another organisation's host. */
    THIRD_PARTY,
    /** Cannot be told from the message. */
    UNKNOWN
}
