package org.pixelproof.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * Extracts the HTML that Outlook encapsulates in RTF ({@code \fromhtml1}, [MS-OXRTFEX] section 2.4): the content of
 * {@code {\*\htmltag...}} groups and the text outside {@code \htmlrtf ... \htmlrtf0} regions, with {@code \par},
 * {@code \tab}, {@code \'hh} (in the {@code \ansicpg} code page, windows-1252 by default) and {@code &#92;uN} decoded.
 * Other destinations (font and colour tables, pictures...) are skipped. Iterative, linear in the input. Stateless and
 * thread-safe.
 */
final class RtfHtml {
    private RtfHtml() {
    }

    /** @return the encapsulated HTML, or {@code null} when the RTF does not encapsulate HTML. */
    static String extract(String rtf) {
        if (rtf == null || !rtf.contains("\\fromhtml")) {
            return null;
        }
        StringBuilder out = new StringBuilder(rtf.length());
        ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
        Charset cp = Charset.forName("windows-1252");
        // per group: skip (ignored destination), html (inside htmltag)
        int depth = 0;
        int skipFrom = Integer.MAX_VALUE; // group depth from which content is skipped
        int htmlTagFrom = Integer.MAX_VALUE;
        boolean suppressed = false; // inside \htmlrtf ... \htmlrtf0
        boolean destinationNext = false;
        int ucSkip = 1;
        int i = 0;
        int n = rtf.length();
        while (i < n) {
            char c = rtf.charAt(i);
            boolean skipping = depth >= skipFrom;
            boolean emit = !skipping && (!suppressed || depth >= htmlTagFrom);
            if (c == '{') {
                flush(pendingBytes, out, cp);
                depth++;
                i++;
                continue;
            }
            if (c == '}') {
                flush(pendingBytes, out, cp);
                if (depth == skipFrom) {
                    skipFrom = Integer.MAX_VALUE;
                }
                if (depth == htmlTagFrom) {
                    htmlTagFrom = Integer.MAX_VALUE;
                }
                depth--;
                destinationNext = false;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (c != '\\') {
                if (emit) {
                    flush(pendingBytes, out, cp);
                    out.append(c);
                }
                i++;
                continue;
            }
            // control symbol or word
            if (i + 1 >= n) {
                break;
            }
            char next = rtf.charAt(i + 1);
            if (next == '\\' || next == '{' || next == '}') {
                if (emit) {
                    flush(pendingBytes, out, cp);
                    out.append(next);
                }
                i += 2;
                continue;
            }
            if (next == '*') {
                destinationNext = true;
                i += 2;
                continue;
            }
            if (next == '\'') {
                if (i + 3 < n) {
                    int v = hex(rtf, i + 2);
                    if (v >= 0 && emit) {
                        pendingBytes.write(v);
                    }
                }
                i += 4;
                continue;
            }
            if (!Character.isLetter(next)) {
                i += 2; // other control symbols (\~, \-, \_...)
                continue;
            }
            int w = i + 1;
            while (w < n && Character.isLetter(rtf.charAt(w))) {
                w++;
            }
            String word = rtf.substring(i + 1, w);
            int p = w;
            if (p < n && (rtf.charAt(p) == '-' || Character.isDigit(rtf.charAt(p)))) {
                p++;
                while (p < n && Character.isDigit(rtf.charAt(p))) {
                    p++;
                }
            }
            String param = rtf.substring(w, p);
            if (p < n && rtf.charAt(p) == ' ') {
                p++;
            }
            i = p;
            if (destinationNext) {
                destinationNext = false;
                if (word.equals("htmltag")) {
                    htmlTagFrom = Math.min(htmlTagFrom, depth);
                } else if (!skipping) {
                    skipFrom = depth;
                }
                continue;
            }
            switch (word) {
                case "fonttbl", "colortbl", "stylesheet", "pict", "info", "object", "header", "footer", "listtable",
                        "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata", "datastore" -> {
                    if (!skipping) {
                        skipFrom = depth;
                    }
                }
                case "ansicpg" -> cp = codePage(param, cp);
                case "htmlrtf" -> suppressed = !param.equals("0");
                case "par", "line" -> {
                    if (emit) {
                        flush(pendingBytes, out, cp);
                        out.append("\r\n");
                    }
                }
                case "tab" -> {
                    if (emit) {
                        flush(pendingBytes, out, cp);
                        out.append('\t');
                    }
                }
                case "uc" -> ucSkip = parseInt(param, 1);
                case "u" -> {
                    if (emit) {
                        flush(pendingBytes, out, cp);
                        int v = parseInt(param, '?');
                        out.append((char) (v < 0 ? v + 65536 : v));
                    }
                    i = skipFallback(rtf, i, ucSkip);
                }
                default -> {
                    // formatting words carry no text
                }
            }
        }
        flush(pendingBytes, out, cp);
        return out.toString();
    }

    private static int skipFallback(String rtf, int from, int count) {
        int i = from;
        for (int k = 0; k < count && i < rtf.length(); k++) {
            if (rtf.charAt(i) == '\\' && i + 1 < rtf.length() && rtf.charAt(i + 1) == '\'') {
                i += 4;
            } else if (rtf.charAt(i) == '{' || rtf.charAt(i) == '}') {
                break;
            } else {
                i++;
            }
        }
        return i;
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out, Charset cp) {
        if (bytes.size() > 0) {
            out.append(new String(bytes.toByteArray(), cp));
            bytes.reset();
        }
    }

    private static Charset codePage(String param, Charset current) {
        String name = switch (param) {
            case "65001" -> "UTF-8";
            case "932" -> "windows-31j";
            case "936" -> "GBK";
            case "949" -> "x-windows-949";
            case "950" -> "Big5";
            case "874" -> "x-windows-874";
            default -> "windows-" + param;
        };
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return current;
        }
    }

    private static int hex(String s, int at) {
        if (at + 1 >= s.length()) {
            return -1;
        }
        int h = Character.digit(s.charAt(at), 16);
        int l = Character.digit(s.charAt(at + 1), 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s.isEmpty() ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
