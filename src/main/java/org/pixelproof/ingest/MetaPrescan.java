package org.pixelproof.ingest;

/**
 * The HTML Standard's "prescan a byte stream to determine its encoding" (section 13.2.3.2,
 * https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding), over the
 * first {@link #PRESCAN_BYTES} bytes of an HTML part, as a browser engine (and so a webmail or a mail client built on
 * one) reads a {@code <meta>} charset declaration.
 *
 * <p>What it takes from the standard, step by step: comments {@code <!-- ... -->} are skipped (a {@code <meta>} in a
 * comment declares nothing); other tags ({@code <link title="<meta charset=...>">}) are skipped with their attributes,
 * so a {@code <meta>} written inside another tag's attribute value declares nothing; {@code <!...>}, {@code </...>}
 * and {@code <?...>} are skipped to their {@code >}; in a {@code <meta>} element, the first occurrence of an attribute
 * name counts, a {@code charset} attribute declares the encoding directly, and a {@code content} attribute
 * ({@code text/html; charset=...}) counts only together with {@code http-equiv="content-type"}; a label that is not
 * one of the WHATWG Encoding Standard ({@link EncodingLabels}; UTF-7, which the table holds for MIME only, is not
 * one) is ignored and the scan goes on; {@code utf-16le}/{@code utf-16be} become {@code utf-8} and
 * {@code x-user-defined} becomes {@code windows-1252}. Reaching the end of the scanned bytes inside a construct ends
 * the scan without a result, as the standard's "abort". Bytes are compared as ASCII (the scan runs on the raw bytes,
 * before any decoding).
 *
 * <p>Not done: the standard's later "change the encoding" when the tree builder meets a {@code <meta>} past the
 * prescanned bytes. Stateless and thread-safe.
 */
final class MetaPrescan {
    /** Bytes of an HTML part prescanned for a {@code <meta>} declaration: 1,024, the HTML Standard's number. */
    static final int PRESCAN_BYTES = 1024;

    private MetaPrescan() {
    }

    /**
     * The outcome of a prescan.
     *
     * @param encoding the WHATWG encoding name declared (after the UTF-16 and x-user-defined rules), or {@code null}
     * @param label    the label as written (lower case) that gave {@code encoding}, or {@code null}
     * @param ignored  the first label of a {@code <meta>} that was ignored because it is no WHATWG label (e.g.
     *                 {@code utf-7}), or {@code null}; for an anomaly
     */
    record Result(String encoding, String label, String ignored) {
    }

    /** Thrown inside the scan when the scanned bytes end inside a construct: the standard's "abort". */
    private static final class End extends RuntimeException {
        private static final long serialVersionUID = 1L;

        End() {
            super(null, null, false, false);
        }
    }

    /**
     * @param bytes  the part's content (transfer encoding removed); not modified
     * @param length how many of {@code bytes} are content; only the first {@link #PRESCAN_BYTES} are scanned
     * @return the declaration found, or a result with {@code encoding == null}; never {@code null}
     */
    static Result scan(byte[] bytes, int length) {
        Scanner s = new Scanner(bytes, Math.min(length, PRESCAN_BYTES));
        try {
            return s.run();
        } catch (End e) {
            return new Result(null, null, s.ignored);
        }
    }

    /** One scan's position and the first ignored label. */
    private static final class Scanner {
        private final byte[] b;
        private final int n;
        private int pos;
        private String ignored;

        Scanner(byte[] b, int n) {
            this.b = b;
            this.n = n;
        }

        /** @return the byte at {@code i} as 0-255, or -1 past the scanned bytes. */
        private int at(int i) {
            return i < n ? b[i] & 0xff : -1;
        }

        /** @return the byte at the position; throws {@link End} past the scanned bytes. */
        private int cur() {
            if (pos >= n) {
                throw new End();
            }
            return b[pos] & 0xff;
        }

        private boolean startsWith(String ascii, boolean ignoreCase) {
            for (int k = 0; k < ascii.length(); k++) {
                int c = at(pos + k);
                if (ignoreCase && c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != ascii.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        Result run() {
            while (pos < n) {
                if (startsWith("<!--", false)) {
                    // to the end of the first "-->" whose "--" may be the one of "<!--" (so "<!-->" ends there)
                    pos += 2;
                    while (!startsWith("-->", false)) {
                        cur();
                        pos++;
                    }
                    pos += 3;
                    continue;
                } else if (startsWith("<meta", true) && isSpaceOrSlash(at(pos + 5))) {
                    pos += 6;
                    Result r = meta();
                    if (r != null) {
                        return r;
                    }
                } else if (at(pos) == '<' && isAsciiAlpha(at(pos + 1))
                        || at(pos) == '<' && at(pos + 1) == '/' && isAsciiAlpha(at(pos + 2))) {
                    while (!isSpace(cur()) && cur() != '>') {
                        pos++;
                    }
                    while (attribute() != null) {
                        // the attributes of a tag other than <meta> are skipped, values included
                    }
                } else if (startsWith("<!", false) || startsWith("</", false) || startsWith("<?", false)) {
                    while (cur() != '>') {
                        pos++;
                    }
                }
                pos++; // "next byte"
            }
            return new Result(null, null, ignored);
        }

        /** The attributes of a {@code <meta>}; the position is after {@code <meta} and its space or slash. */
        private Result meta() {
            java.util.Set<String> names = new java.util.HashSet<>();
            boolean gotPragma = false;
            Boolean needPragma = null;
            String encoding = null;
            String label = null;
            boolean failure = false;
            String[] a;
            while ((a = attribute()) != null) {
                if (!names.add(a[0])) {
                    continue;
                }
                switch (a[0]) {
                    case "http-equiv" -> gotPragma |= a[1].equals("content-type");
                    case "content" -> {
                        if (encoding == null && !failure) {
                            String l = charsetInContent(a[1]);
                            String e = l == null ? null : encodingOf(l);
                            if (e != null) { // an unknown label here leaves charset null, not failure
                                encoding = e;
                                label = l;
                                needPragma = Boolean.TRUE;
                            }
                        }
                    }
                    case "charset" -> {
                        label = a[1];
                        encoding = encodingOf(a[1]);
                        failure = encoding == null;
                        needPragma = Boolean.FALSE;
                    }
                    default -> {
                        // other attributes declare nothing
                    }
                }
            }
            if (needPragma == null || needPragma && !gotPragma || failure) {
                return null;
            }
            return new Result(switch (encoding) {
                case "utf-16le", "utf-16be" -> "utf-8";
                case "x-user-defined" -> "windows-1252";
                default -> encoding;
            }, label, ignored);
        }

        /** WHATWG "get an encoding", UTF-7 excluded; remembers the first ignored label. */
        private String encodingOf(String l) {
            String e = EncodingLabels.encodingOf(l);
            if (e == null || e.equals(EncodingLabels.UTF_7)) {
                if (ignored == null) {
                    ignored = l;
                }
                return null;
            }
            return e;
        }

        /**
         * The standard's "get an attribute": name and value lower-cased (ASCII), or {@code null} at the {@code >}
         * that ends the tag (the position is then on it).
         */
        private String[] attribute() {
            while (isSpaceOrSlash(cur())) {
                pos++;
            }
            if (cur() == '>') {
                return null;
            }
            StringBuilder name = new StringBuilder();
            StringBuilder value = new StringBuilder();
            while (true) {
                int c = cur();
                if (c == '=' && name.length() > 0) {
                    pos++;
                    break;
                } else if (isSpace(c)) {
                    while (isSpace(cur())) {
                        pos++;
                    }
                    if (cur() != '=') {
                        return new String[] {name.toString(), ""};
                    }
                    pos++;
                    break;
                } else if (c == '/' || c == '>') {
                    return new String[] {name.toString(), ""};
                }
                name.append(lower(c));
                pos++;
            }
            while (isSpace(cur())) {
                pos++;
            }
            int c = cur();
            if (c == '"' || c == '\'') {
                pos++;
                while (cur() != c) {
                    value.append(lower(cur()));
                    pos++;
                }
                pos++;
                return new String[] {name.toString(), value.toString()};
            }
            if (c == '>') {
                return new String[] {name.toString(), ""};
            }
            while (!isSpace(cur()) && cur() != '>') {
                value.append(lower(cur()));
                pos++;
            }
            return new String[] {name.toString(), value.toString()};
        }
    }

    /**
     * The standard's "extract a character encoding from a meta element" (section 2.6.2 of the HTML Standard) on a
     * {@code content} value already lower-cased.
     *
     * @return the label, or {@code null}
     */
    static String charsetInContent(String s) {
        int i = 0;
        while (true) {
            int cs = s.indexOf("charset", i);
            if (cs < 0) {
                return null;
            }
            i = cs + "charset".length();
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '=') {
                break;
            }
        }
        i++;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        char q = s.charAt(i);
        if (q == '"' || q == '\'') {
            int close = s.indexOf(q, i + 1);
            return close < 0 ? null : s.substring(i + 1, close);
        }
        int e = i;
        while (e < s.length() && !isSpace(s.charAt(e)) && s.charAt(e) != ';') {
            e++;
        }
        return s.substring(i, e);
    }

    private static char lower(int c) {
        return (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }

    private static boolean isAsciiAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** HTML Standard ASCII whitespace as the prescan lists it: TAB, LF, FF, CR, SPACE. */
    private static boolean isSpace(int c) {
        return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
    }

    private static boolean isSpaceOrSlash(int c) {
        return isSpace(c) || c == '/';
    }
}
