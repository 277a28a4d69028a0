package org.pixelproof;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints, once per distinct reason, why tests were skipped (e.g. "../shared/corpus/real is absent", "Chromium is not
 * installed"), so that a person running {@code mvn verify} sees it on the console rather than only in the surefire XML
 * reports. Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 *
 * <p>Thread-safe.
 */
public final class SkipReasonPrinter implements TestExecutionListener {
    private final Set<String> printed = ConcurrentHashMap.newKeySet();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private void print(TestIdentifier test, String reason) {
        String why = reason == null ? "no reason given" : reason.replaceFirst("^Assumption failed: ", "");
        if (printed.add(why)) {
            System.out.println("[SKIPPED] " + test.getDisplayName() + " (and others for the same reason): " + why);
        }
    }
}
