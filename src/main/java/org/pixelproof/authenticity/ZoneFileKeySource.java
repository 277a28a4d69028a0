package org.pixelproof.authenticity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * DKIM keys from a local DNS master file (RFC 1035 section 5 syntax, read with dnsjava's {@link Master}), for offline
 * use and tests: the configuration property {@code pixelproof.dkim.zone-file}. Makes no network access. Immutable and
 * thread-safe once loaded.
 *
 * <p>Only TXT records whose name has a {@code _domainkey} label are kept; every other record of the file is ignored
 * and can never be returned. {@code $INCLUDE} is refused (an error): the file stands alone. Relative names are taken
 * relative to the root unless the file sets {@code $ORIGIN}. Example:
 *
 * <pre>
 * $TTL 3600
 * s1._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; " "p=MIIBIjANBg..."
 * </pre>
 */
public final class ZoneFileKeySource implements DkimKeySource {
    private static final String DOMAINKEY = "_domainkey";

    private final Map<String, List<String>> keys;
    private final int ignoredRecords;

    private ZoneFileKeySource(Map<String, List<String>> keys, int ignoredRecords) {
        this.keys = keys;
        this.ignoredRecords = ignoredRecords;
    }

    /**
     * Reads a zone file.
     *
     * @param zoneFile the master file
     * @return the source
     * @throws IOException when the file cannot be read, is not valid master-file syntax (the message says where) or
     *                     uses {@code $INCLUDE}
     */
    public static ZoneFileKeySource load(Path zoneFile) throws IOException {
        try (InputStream in = Files.newInputStream(zoneFile)) {
            return read(in);
        }
    }

    /**
     * Reads master-file text.
     *
     * @param in the text, UTF-8 or ASCII; not closed
     * @return the source
     * @throws IOException when it cannot be read or is not valid master-file syntax
     */
    public static ZoneFileKeySource read(InputStream in) throws IOException {
        Map<String, List<String>> keys = new HashMap<>();
        int ignored = 0;
        try (Master master = new Master(in, Name.root, 3600)) {
            master.disableIncludes(true); // strict: a $INCLUDE line is an error, not silently skipped
            Record r;
            while ((r = master.nextRecord()) != null) {
                String name = r.getName().toString(true).toLowerCase(Locale.ROOT);
                if (r instanceof TXTRecord txt && hasDomainKeyLabel(r.getName())) {
                    keys.computeIfAbsent(name, k -> new ArrayList<>()).add(String.join("", txt.getStrings()));
                } else {
                    ignored++;
                }
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        keys.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ZoneFileKeySource(Collections.unmodifiableMap(frozen), ignored);
    }

    private static boolean hasDomainKeyLabel(Name name) {
        for (int i = 0; i < name.labels(); i++) {
            if (DOMAINKEY.equalsIgnoreCase(name.getLabelString(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public KeyLookup lookup(String selector, String domain) {
        if (!DkimKeySource.isValidName(selector) || !DkimKeySource.isValidName(domain)) {
            return KeyLookup.notFound("not a valid DNS name");
        }
        List<String> records = keys.get(DkimKeySource.keyName(selector, domain));
        return records == null ? KeyLookup.notFound("not in the zone file") : KeyLookup.found(records);
    }

    @Override
    public String kind() {
        return "zone-file";
    }

    /** @return the names that hold keys, lower case, without trailing dot, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(keys.keySet()));
    }

    /** @return how many records of the file were ignored (not a TXT record under a {@code _domainkey} label). */
    public int ignoredRecords() {
        return ignoredRecords;
    }
}
