package org.pixelproof.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How DKIM signatures are checked ({@code pixelproof.dkim.*}). Only the signing domain's key record
 * ({@code selector._domainkey.domain}, RFC 6376 section 3.6.2) is ever looked up, never a host of a URL in the message.
 */
@ConfigMapping(prefix = "pixelproof.dkim")
public interface DkimConfig {

    /** @return true to look DKIM keys up in the DNS ({@code pixelproof.dkim.lookup}); default true */
    @WithDefault("true")
    boolean lookup();

    /**
     * @return a DNS master file (RFC 1035 syntax) answering DKIM key lookups offline instead of the DNS
     *         ({@code pixelproof.dkim.zone-file}); absent by default
     */
    Optional<Path> zoneFile();
}
