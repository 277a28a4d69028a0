package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.i18n.Message;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Quarkus 3.33's Qute splits a message bundle of more than 300 keys (one per message, one more per constant of an
 * enum parameter) into several generated methods, and the generated code then fails verification at startup
 * ({@code VerifyError: Bad type on operand stack} in {@code Messages_Bundle}, quarkusio/quarkus#55584, fixed after
 * 3.33). Until the platform is upgraded, {@link Messages} must stay within 300 keys: this says so plainly instead of
 * letting every {@code @QuarkusTest} fail to boot.
 */
class MessagesBundleSizeTest {
    /** Keys per generated resolve method in Quarkus' MessageBundleProcessor. */
    private static final int QUARKUS_GROUP_LIMIT = 300;

    @Test
    void theMessageBundleStaysWithinOneGeneratedResolveMethod() {
        int keys = 0;
        for (Method m : Messages.class.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(Message.class)) {
                continue;
            }
            keys++;
            if (m.getParameterCount() == 1 && m.getParameterTypes()[0].isEnum()) {
                keys += m.getParameterTypes()[0].getEnumConstants().length;
            }
        }
        assertTrue(keys <= QUARKUS_GROUP_LIMIT, keys + " message keys: more than " + QUARKUS_GROUP_LIMIT
                + " break the generated bundle in Quarkus 3.33 (quarkusio/quarkus#55584); merge or drop a message");
    }
}
