package org.pixelproof.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Works around a performance defect of Jakarta Mail 2.1 (jakartaee/mail-api issues 699 and 861): every
 * {@code BodyPart} and {@code Multipart} constructor, every {@code InternetHeaders} load and every encoded-word decode
 * calls {@code StreamProvider.provider()}, which runs a fresh {@link java.util.ServiceLoader} look-up through the
 * thread's context class loader, scanning every jar of the class path. On a class path of a few hundred jars that
 * costs tens of microseconds per call: about 0.3 ms per generated e-mail, more than Angus' whole parse of it, and
 * seconds for a message of a few thousand parts.
 *
 * <p>Two remedies, the first taken when it can be:
 * <ol>
 *   <li>Jakarta Mail's {@code FactoryFinder} reads the system property {@value #PROPERTY} before any service look-up.
 *       When this class is first used and that property is unset, it is set to the one provider class the service
 *       files name (Angus Mail's {@code org.eclipse.angus.mail.util.MailStreamProvider}), which is the provider the
 *       look-up would find: every later call then costs a class look-up and a constructor call. A property set by the
 *       operator is left as it is. This is the one JVM-wide change this class makes.</li>
 *   <li>While {@code ingest} parses, the context class loader of the parsing thread is set to this loader, which
 *       answers the look-up of {@value #SERVICE} from copies, in memory, of the service files found once through the
 *       loader that loaded {@code ingest}, and delegates everything else to that loader; the previous context class
 *       loader is restored afterwards. This still serves when the property names another provider or could not be
 *       set.</li>
 * </ol>
 * Thread-safe.
 */
final class MailProviderLoader extends ClassLoader {
    /** The service file Jakarta Mail's {@code FactoryFinder} looks for. */
    static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

    /** The system property Jakarta Mail's {@code FactoryFinder} reads first: the provider's class name. */
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    private static final MailProviderLoader INSTANCE = new MailProviderLoader(EmailParser.class.getClassLoader());

    static {
        ensureProperty();
    }

    private final List<URL> service;
    /** The provider classes the service files name, in class-path order, comments and blank lines left out. */
    private final List<String> providers;

    private MailProviderLoader(ClassLoader parent) {
        super(parent);
        List<URL> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            int i = 0;
            for (URL u : Collections.list(parent.getResources(SERVICE))) {
                byte[] content;
                try (InputStream in = u.openStream()) {
                    content = in.readNBytes(64 << 10);
                }
                found.add(inMemory("pixelproof-mail-provider:" + (i++), content));
                names.addAll(providerNames(content));
            }
        } catch (IOException e) {
            found.clear();
            names.clear();
        }
        this.service = List.copyOf(found);
        this.providers = List.copyOf(names);
    }

    /**
     * @param serviceFile a service file's bytes (UTF-8, one class name per line, {@code #} starts a comment)
     * @return the class names it lists, in order
     */
    static List<String> providerNames(byte[] serviceFile) {
        List<String> names = new ArrayList<>();
        for (String line : new String(serviceFile, StandardCharsets.UTF_8).split("\\R")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Sets {@value #PROPERTY} to the provider the service look-up would find (the first listed), unless the property
     * is already set or no service file was found.
     *
     * @return the property's value afterwards, or {@code null} when unset
     */
    static String ensureProperty() {
        try {
            String current = System.getProperty(PROPERTY);
            if (current == null && !INSTANCE.providers.isEmpty()) {
                System.setProperty(PROPERTY, INSTANCE.providers.get(0));
            }
            return System.getProperty(PROPERTY);
        } catch (SecurityException e) {
            return null; // the context class loader still answers the look-up from memory
        }
    }

    /** @return the provider classes the service files found at start name, in class-path order */
    static List<String> providers() {
        return INSTANCE.providers;
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
