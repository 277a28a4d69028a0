package org.pixelproof.web;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the rule set comes from ({@code pixelproof.rules.*}): by default the {@code legal-rules/} folder packaged with
 * the application; {@code pixelproof.rules.dir} points at a folder laid out the same way instead (a reviewer trying an
 * edited rule file without rebuilding). Either way the rules are validated at start-up, and a broken file stops the
 * application with a message naming the file and the line.
 */
@ConfigMapping(prefix = "pixelproof.rules")
public interface RulesConfig {

    /** @return a folder holding {@code ruleset.yaml} to load instead of the packaged rules; absent by default */
    Optional<Path> dir();
}
