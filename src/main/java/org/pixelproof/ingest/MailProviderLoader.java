package org.pixelproof.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Works around a performance defect of Jakarta Mail 2.1 (jakartaee/mail-api issues 699 and 861): every
 * {@code BodyPart} and {@code Multipart} constructor calls {@code StreamProvider.provider()}, which runs a fresh
 * {@link java.util.ServiceLoader} look-up through the thread's context class loader, scanning every jar of the class
 * path. On a test or application class path of a few hundred jars that costs about half a millisecond per MIME part:
 * seconds for a message of a few thousand parts.
 *
 * <p>While {@code ingest} parses, the context class loader of the parsing thread is set to this loader, which answers
 * the look-up of {@value #SERVICE} from copies, in memory, of the service files found once through the loader that
 * loaded {@code ingest}, and delegates everything else to that loader. Nothing global changes (no System property is set), the provider found is the
 * one the JVM would find, and the previous context class loader is restored afterwards. Thread-safe.
 */
final class MailProviderLoader extends ClassLoader {
    /** The service file Jakarta Mail's {@code FactoryFinder} looks for. */
    static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

    private static final MailProviderLoader INSTANCE = new MailProviderLoader(EmailParser.class.getClassLoader());

    private final List<URL> service;

    private MailProviderLoader(ClassLoader parent) {
        super(parent);
        List<URL> found = new ArrayList<>();
        try {
            int i = 0;
            for (URL u : Collections.list(parent.getResources(SERVICE))) {
                byte[] content;
                try (InputStream in = u.openStream()) {
                    content = in.readNBytes(64 << 10);
                }
                found.add(inMemory("pixelproof-mail-provider:" + (i++), content));
            }
        } catch (IOException e) {
            found.clear();
        }
        this.service = List.copyOf(found);
    }

    private static URL inMemory(String spec, byte[] content) throws MalformedURLException {
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                        connected = true;
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(content);
                    }
                };
            }
        };
        return new URL(null, spec, handler);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (SERVICE.equals(name)) {
            return Collections.enumeration(service);
        }
        return super.getResources(name);
    }

    /** Runs {@code work} with this loader as the thread's context class loader, then restores the previous one. */
    static <T> T call(Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(INSTANCE);
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
