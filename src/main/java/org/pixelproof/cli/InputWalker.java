package org.pixelproof.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the command line's paths into the messages to analyse, streamed one by one in a stable order.
 *
 * <ul>
 *   <li>A file is told by its content, not its name: an mbox starts with a {@code From } line (RFC 4155), an Outlook
 *       {@code .msg} with the OLE2 signature, anything else is taken as one RFC 5322 message ({@code .eml}).</li>
 *   <li>A folder is walked recursively, entries sorted by name ({@link #byName}: names of digits only, as an MH
 *       folder's messages, by their number); symbolic links to folders are not followed. In a
 *       folder, files named {@code *.eml}, {@code *.msg}, {@code *.mbox}, {@code *.mbx} and the files of a Maildir's
 *       {@code cur/} and {@code new/} are always analysed (and reported when they are not e-mails); any other file is
 *       analysed only when its first bytes look like a message or an mbox, else it is ignored and counted (a
 *       {@code README}, a manifest, an index: {@link #ignoredFiles()}). Hidden files ({@code .DS_Store}, macOS's
 *       {@code ._} copies), Thunderbird's {@code .msf} indexes and Dovecot/Courier metadata are never e-mails: they
 *       are skipped without being read, and counted apart ({@link #hiddenFiles()}).</li>
 *   <li>A Maildir (a folder with {@code cur/} and {@code new/}) is read from {@code new/} and {@code cur/}; its
 *       {@code tmp/} (messages being delivered) is skipped; Maildir++ sub-folders ({@code .Sent/}) are walked. Other
 *       hidden folders ({@code .git/}, {@code .Trash-1000/}) are not walked.</li>
 *   <li>A path given explicitly is always analysed, whatever its name. An empty file (0 bytes, or white space only)
 *       found in a folder is ignored and counted with the files that are not e-mails, named with {@code (empty)},
 *       whatever its name: it
 *       holds nothing to analyse nor to miss (an empty mailbox, a file a crash left behind), so it does not make the
 *       run fail; given explicitly, it is reported as a failed input (an empty mbox holds no message and is not).</li>
 *   <li>Only regular files are opened, symbolic links followed: a device ({@code /dev/zero}), a named pipe (opening
 *       it waits for a writer, forever), a socket or a link to one of them is never read. Named on the command line
 *       it is reported as not a regular file (a failed input); found in a folder, it is skipped and counted
 *       ({@link #specialFiles()}), as are links to nothing. A file is never read past the size limit, whatever size
 *       it claims (a file that grows as it is read).</li>
 *   <li>A folder that can be listed but not entered (read permission without search permission, mode 444) is
 *       reported as a failed input with the number of entries left unread; a name this system cannot turn into a
 *       path (not in the file-name encoding of a non-UTF-8 locale) is reported as a failed input, the others go on.
 *       Names met in folders that the file-name encoding cannot decode are counted ({@link #undecodableNames()}):
 *       Java writes them with U+FFFD.</li>
 * </ul>
 *
 * <p>Names are the path as given joined with the path below it ({@code mail/2024/a.eml}), and {@code file.mbox#3}
 * for the third message of an mbox. A file that starts with a {@code From_} line but is not named like an mbox (see
 * {@link #namedLikeMbox}: a {@code .eml} saved with its envelope line, a Maildir file) and holds exactly one message
 * is named as the file itself, without {@code #1}. Not thread-safe: one walker per run.
 */
final class InputWalker {
    private static final byte[] OLE2_SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final Set<String> MAIL_EXTENSIONS = Set.of("eml", "msg", "mbox", "mbx");
    private static final Set<String> IGNORED_NAMES = Set.of("maildirfolder", "subscriptions", "dovecot-uidlist",
            "dovecot-keywords", "dovecot-uidvalidity", "dovecot.index", "dovecot.index.log", "dovecot.index.cache",
            "courierimapuiddb", "courierimapkeywords", "courierimapacl");
    private static final int SNIFF_BYTES = 1024;

    /** Receives the inputs in order; may block to apply back-pressure. */
    @FunctionalInterface
    interface Sink {
        void accept(Input input) throws InterruptedException;

        /**
         * Waits until every input handed over so far is done with (analysed and written): called before a message
         * that ran out of memory is read again, alone. The default returns at once.
         */
        default void awaitIdle() throws InterruptedException {
        }
    }

    /** What a file holds, as told by its first bytes. */
    enum Kind { EML, MBOX, MSG, OTHER }

    private final long maxMessageBytes;
    private final MailboxFormats formats;
    private final FileAttributes attributes;
    private final PathParser paths;
    private long next;
    private long ignored;
    /** The first {@link #MAX_IGNORED_NAMED} files ignored, as paths, for the end-of-run summary. */
    private final List<String> ignoredNames = new ArrayList<>();
    private long hidden;
    /** The first {@link #MAX_IGNORED_NAMED} hidden or mail-program files skipped, as paths. */
    private final List<String> hiddenNames = new ArrayList<>();
    private long special;
    /** The first {@link #MAX_IGNORED_NAMED} special files skipped (devices, named pipes, broken links), as paths. */
    private final List<String> specialNames = new ArrayList<>();
    /** Names met in folders that the file-name encoding could not decode (they hold U+FFFD). */
    private long undecodableNames;

    /** Most ignored files named in the summary; default 10 (the others are counted). */
    static final int MAX_IGNORED_NAMED = 10;

    /** Reads a file's attributes; the production one is {@link Files#readAttributes(Path, Class, LinkOption...)}. */
    @FunctionalInterface
    interface FileAttributes {
        /**
         * @param path   the file
         * @param follow true to follow a symbolic link to its target, false to read the link itself
         * @throws IOException when the attributes cannot be read: {@link NoSuchFileException} (also for a broken
         *                     link followed), {@link AccessDeniedException}...
         */
        BasicFileAttributes read(Path path, boolean follow) throws IOException;
    }

    /** Turns a path given on the command line into a {@link Path}; the production one is {@link Path#of}. */
    @FunctionalInterface
    interface PathParser {
        /** @throws InvalidPathException when the name cannot be a path here (not in the file-name encoding) */
        Path parse(String given);
    }

    /**
     * @param maxMessageBytes a file larger than this, in bytes, is reported as too large without being read (mbox
     *                        files excepted: they are streamed, and this limit applies to each message)
     * @param formats         the mbox and {@code .msg} readers
     */
    InputWalker(long maxMessageBytes, MailboxFormats formats) {
        this(maxMessageBytes, formats, (path, follow) -> follow
                ? Files.readAttributes(path, BasicFileAttributes.class)
                : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS), Path::of);
    }

    /**
     * @param attributes reads files' attributes (a test double stands in for permissions that root does not have)
     * @param paths      turns the command line's paths into {@link Path}s
     */
    InputWalker(long maxMessageBytes, MailboxFormats formats, FileAttributes attributes, PathParser paths) {
        this.maxMessageBytes = maxMessageBytes;
        this.formats = formats;
        this.attributes = attributes;
        this.paths = paths;
    }

    /**
     * Walks every path in order and hands each input to {@code sink}. What goes wrong with one path is handed over as
     * a failed input, and the walk goes on with the next path: a name this system cannot represent as a path, a
     * special file (device, named pipe, socket), running out of memory while reading an mbox or a folder (what
     * followed in it is then not read, and said so).
     *
     * @param paths the paths as given on the command line
     * @return the number of inputs handed over
     * @throws InterruptedException when the sink was interrupted (the run is stopping)
     */
    long walk(List<String> paths, Sink sink) throws InterruptedException {
        for (String given : paths) {
            try {
                walk(given, sink);
            } catch (OutOfMemoryError e) {
                // what this path held is dropped with the stack frames above; the next path may well fit
                sink.accept(Input.failed(next++, given, OUT_OF_MEMORY + "; what followed in it was not read"));
            } catch (StackOverflowError e) {
                sink.accept(Input.failed(next++, given, "folders nested too deep to walk; what followed in it was"
                        + " not read"));
            } catch (RuntimeException e) {
                sink.accept(Input.failedInternally(next++, given, "internal error while reading it: "
                        + BatchRunner.describe(e) + "; what followed in it was not read"));
            }
        }
        return next;
    }

    /** The reason given for an input lost to a lack of memory. */
    static final String OUT_OF_MEMORY = outOfMemory(null);

    /**
     * @param detail what is known of the input (its size), or {@code null}
     * @return the reason given for an input lost to a lack of memory while it was read, with the advice
     */
    static String outOfMemory(String detail) {
        return "out of memory while reading it (" + (detail != null ? detail + "; " : "") + "give Java more memory"
                + " with -Xmx, or use --limits strict)";
    }

    private void walk(String given, Sink sink) throws InterruptedException {
        Path path;
        try {
            path = paths.parse(given);
        } catch (InvalidPathException e) {
            sink.accept(Input.failed(next++, given, "its name cannot be represented in this system's file-name"
                    + " encoding (" + fileNameEncoding() + "); run PixelProof with a UTF-8 locale, e.g. LANG=C.UTF-8"));
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = attributes.read(path, true);
        } catch (NoSuchFileException e) {
            sink.accept(Input.failed(next++, given, isLink(path) ? "broken symbolic link (its target does not exist)"
                    : "no such file or folder"));
            return;
        } catch (IOException | SecurityException e) {
            sink.accept(Input.failed(next++, given, "cannot be read (" + reason(e) + ")"));
            return;
        }
        if (attrs.isDirectory()) {
            directory(path, false, sink);
        } else if (attrs.isRegularFile()) {
            file(path, true, false, attrs.size(), sink);
        } else {
            sink.accept(Input.failed(next++, given, NOT_A_REGULAR_FILE));
        }
    }

    /** The reason given for a path that is neither a file nor a folder. */
    static final String NOT_A_REGULAR_FILE = "not a regular file (a device, a named pipe or a socket): only files and"
            + " folders are read";

    private boolean isLink(Path path) {
        try {
            return attributes.read(path, false).isSymbolicLink();
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** @return how many files found in folders were ignored because they are not e-mails. */
    long ignoredFiles() {
        return ignored;
    }

    /** @return the first ignored files (at most {@link #MAX_IGNORED_NAMED}), in the order met. */
    List<String> ignoredNames() {
        return List.copyOf(ignoredNames);
    }

    /**
     * @return how many hidden files ({@code .DS_Store}) and mail programs' own files (Thunderbird's {@code .msf}
     *         indexes, Dovecot and Courier metadata) were skipped in the folders; hidden folders are not walked and
     *         not counted
     */
    long hiddenFiles() {
        return hidden;
    }

    /** @return the first hidden or mail-program files skipped (at most {@link #MAX_IGNORED_NAMED}), in order. */
    List<String> hiddenNames() {
        return List.copyOf(hiddenNames);
    }

    /**
     * @return how many entries of the folders were neither files nor folders once symbolic links are followed
     *         (devices, named pipes, sockets, links to those or to nothing): skipped without being opened
     */
    long specialFiles() {
        return special;
    }

    /** @return the first special files skipped (at most {@link #MAX_IGNORED_NAMED}), in order. */
    List<String> specialNames() {
        return List.copyOf(specialNames);
    }

    /**
     * @return how many names met in the folders hold U+FFFD because this system's file-name encoding
     *         ({@link #fileNameEncoding()}) could not decode them: they are written so in the outputs
     */
    long undecodableNames() {
        return undecodableNames;
    }

    /**
     * @return the encoding Java reads and writes file names in ({@code sun.jnu.encoding}), set from the locale when
     *         the JVM starts ({@code ANSI_X3.4-1968} under {@code LANG=C} or an empty {@code LANG})
     */
    static String fileNameEncoding() {
        String encoding = System.getProperty("sun.jnu.encoding");
        return encoding != null ? encoding : java.nio.charset.Charset.defaultCharset().name();
    }

    private void ignore(String name) {
        if (ignored++ < MAX_IGNORED_NAMED) {
            ignoredNames.add(name);
        }
    }

    /** @return true when every byte of {@code bytes} is ASCII white space (space, tab, CR, LF, FF, VT) */
    static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** @return true when {@code head} starts like a ZIP archive (a local file header or an empty archive's end) */
    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4
                || head[2] == 5 && head[3] == 6);
    }

    private void skipSpecial(String name) {
        if (special++ < MAX_IGNORED_NAMED) {
            specialNames.add(name);
        }
    }

    private void directory(Path dir, boolean insideMaildirStore, Sink sink) throws InterruptedException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.toList());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            sink.accept(Input.failed(next++, dir.toString(), "folder cannot be read (" + reason(e) + ")"));
            return;
        }
        entries.sort(InputWalker::byName);
        boolean maildir = isMaildir(dir);
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            entries.set(i, null); // a folder of millions of entries: let the ones done go
            String name = entry.getFileName().toString();
            if (name.indexOf('\uFFFD') >= 0) {
                undecodableNames++;
            }
            BasicFileAttributes own;
            try {
                own = attributes.read(entry, false);
            } catch (AccessDeniedException e) {
                // the folder can be listed (read permission) but not entered (no search permission)
                int left = entries.size() - i;
                sink.accept(Input.failed(next++, dir.toString(), String.format(Locale.ROOT, "folder cannot be entered"
                        + " (permission denied: it can be listed, not opened); its %,d %s not read", left,
                        left == 1 ? "entry was" : "entries were")));
                return;
            } catch (NoSuchFileException e) {
                continue; // removed since the folder was listed
            } catch (IOException | SecurityException e) {
                sink.accept(Input.failed(next++, entry.toString(), "cannot be read (" + reason(e) + ")"));
                continue;
            }
            if (own.isDirectory()) {
                if (maildir && name.equals("tmp")) {
                    continue;
                }
                if (name.startsWith(".") && !maildir) {
                    continue;
                }
                directory(entry, maildir && (name.equals("cur") || name.equals("new")), sink);
                continue;
            }
            BasicFileAttributes target = own;
            if (own.isSymbolicLink()) {
                try {
                    target = attributes.read(entry, true);
                } catch (IOException | SecurityException e) {
                    target = null; // a link to nothing, or to what cannot be reached
                }
                if (target != null && target.isDirectory()) {
                    continue; // links to folders are not followed (no loops, no walking out of the tree)
                }
            }
            if (isIgnoredName(name)) {
                if (hidden++ < MAX_IGNORED_NAMED) {
                    hiddenNames.add(entry.toString());
                }
                continue;
            }
            if (target != null && target.isRegularFile()) {
                file(entry, false, insideMaildirStore, target.size(), sink);
            } else {
                skipSpecial(entry.toString()); // a device, a named pipe or a socket: opening it may block or never end
            }
        }
    }

    /**
     * @param size the file's size on disk, in bytes, as read just before; a regular file (only those are opened: a
     *             named pipe would block, a device never end)
     */
    private void file(Path file, boolean explicit, boolean maildirMessage, long size, Sink sink)
            throws InterruptedException {
        String name = file.toString();
        if (size == 0 && !explicit) {
            ignore(name + " (empty)"); // nothing in it to analyse or to miss: an empty mailbox, a file left by a crash
            return;
        }
        Kind kind;
        byte[] head;
        try {
            head = head(file);
            kind = sniff(head);
        } catch (IOException | SecurityException e) {
            sink.accept(Input.failed(next++, name, "file cannot be read (" + reason(e) + ")"));
            return;
        }
        if (!explicit && size <= head.length && blank(head)) {
            ignore(name + " (empty)"); // only white space: nothing to analyse or to miss, as a file of 0 bytes
            return;
        }
        if (kind == Kind.OTHER && !explicit && !maildirMessage && !MAIL_EXTENSIONS.contains(extension(name))) {
            boolean zip = isZip(head) && "zip".equals(extension(name));
            ignore(zip ? name + " (ZIP archive: unpack it to analyse the e-mails in it)" : name);
            return;
        }
        if (kind == Kind.EML && !explicit && !maildirMessage && !MAIL_EXTENSIONS.contains(extension(name))
                && !org.pixelproof.ingest.EmailParser.mayBeginMessage(head, head.length)) {
            ignore(name); // a note starting "Notes: ...": 'Name: value' lines, none of a message
            return;
        }
        if (kind == Kind.OTHER && "mbox".equals(extension(name)) && size == 0) {
            return; // an empty mailbox holds no message
        }
        switch (kind) {
            case MBOX -> mbox(file, name, maildirMessage || !namedLikeMbox(name), sink);
            case MSG -> {
                if (!explicit && !"msg".equals(extension(name))) {
                    ignore(name); // another OLE2 document (.doc, .xls) found in a folder
                    return;
                }
                sink.accept(new Input(next++, name, () -> readMessage(file, size), true, size));
            }
            default -> sink.accept(new Input(next++, name, () -> readMessage(file, size), false, size));
        }
    }

    /**
     * @param single true when the file is not named like an mbox: if it holds one message only, that message is named
     *               as the file ({@code letter.eml}, not {@code letter.eml#1}); its bytes are still those after the
     *               {@code From_} line
     */
    private void mbox(Path file, String name, boolean single, Sink sink) throws InterruptedException {
        // the first message of such a file is held until the reader says whether a second one follows
        Held held = single ? new Held() : null;
        long[] last = {0}; // the number of the last message handed over
        try {
            formats.readMbox(file, maxMessageBytes, new MailboxFormats.MboxVisitor() {
                @Override
                public void message(long number, byte[] bytes, String reason) throws InterruptedException {
                    last[0] = number;
                    if (held != null && number == 1) {
                        held.bytes = bytes;
                        held.reason = reason;
                        held.present = true;
                        return;
                    }
                    if (held != null && held.present) {
                        sink.accept(member(name, 1, held));
                        held.present = false;
                    }
                    sink.accept(member(name, number, bytes, reason));
                }

                @Override
                public void awaitIdle() throws InterruptedException {
                    sink.awaitIdle();
                }
            });
        } catch (IOException e) {
            if (held != null && held.present) {
                sink.accept(member(name, 1, held));
            }
            sink.accept(Input.failed(next++, name, "mbox cannot be read (" + reason(e) + ")"));
            return;
        } catch (OutOfMemoryError e) {
            // the message being read is dropped with the reader; the messages already handed over stand
            if (held != null && held.present) {
                sink.accept(member(name, 1, held));
            }
            sink.accept(Input.failed(next++, last[0] == 0 ? name : name + "#" + (last[0] + 1), OUT_OF_MEMORY
                    + (last[0] == 0 ? "; none of its messages was read" : "; the messages after it were not read")));
            return;
        }
        if (held != null && held.present) {
            sink.accept(member(name, 0, held)); // the only message: named as the file
        }
    }

    /** The first message of a file that may hold only one, until the file's end or a second message shows. */
    private static final class Held {
        byte[] bytes;
        String reason;
        boolean present;
    }

    private Input member(String mbox, long number, Held held) {
        Input input = member(mbox, number, held.bytes, held.reason);
        held.bytes = null;
        return input;
    }

    /**
     * @param mbox   the mbox's name
     * @param number the message's 1-based number in it; 0 for the only message of a file named as that file
     */
    private Input member(String mbox, long number, byte[] bytes, String reason) {
        String name = number == 0 ? mbox : mbox + "#" + number;
        return bytes != null ? Input.ofBytes(next++, name, bytes, number) : Input.failed(next++, name, reason);
    }

    /**
     * The order of a folder's entries: by name (UTF-16 code units, as {@link Path#compareTo} on Linux), except that
     * names of digits only come first, in the order of their numbers ({@code 1}, {@code 2}, ..., {@code 10}, not
     * {@code 1}, {@code 10}, {@code 2}): the messages of an MH folder (Claws Mail, nmh), which are named by their
     * number, are then read in their order. A consistent total order (its outputs follow it run after run).
     */
    static int byName(Path a, Path b) {
        String x = a.getFileName() == null ? "" : a.getFileName().toString();
        String y = b.getFileName() == null ? "" : b.getFileName().toString();
        boolean dx = allDigits(x);
        boolean dy = allDigits(y);
        if (dx && dy) {
            String nx = x.replaceFirst("^0+(?=.)", "");
            String ny = y.replaceFirst("^0+(?=.)", "");
            int c = nx.length() != ny.length() ? Integer.compare(nx.length(), ny.length()) : nx.compareTo(ny);
            return c != 0 ? c : a.compareTo(b);
        }
        if (dx != dy) {
            return dx ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean allDigits(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true when a file's name says it is a mailbox: the extension {@code .mbox} or {@code .mbx}, or no
     *         extension at all (Thunderbird's {@code Inbox}, mutt's {@code sent}); its messages are then always named
     *         {@code file#N}, even when there is one
     */
    static boolean namedLikeMbox(String name) {
        String extension = extension(name);
        return extension.isEmpty() || extension.equals("mbox") || extension.equals("mbx");
    }

    /**
     * Reads a message file, never more than {@code maxMessageBytes} + 1 bytes whatever the size the file claims: a
     * file that grows while it is read, or whose size is not known in advance ({@code /proc}), is cut there and
     * reported too large instead of filling the memory.
     *
     * @param size the file's size on disk as read when it was found, in bytes; the buffer is allocated for that
     */
    private byte[] readMessage(Path file, long size) throws InputException {
        if (size > maxMessageBytes) {
            throw new InputException("too large: " + size + " bytes, the limit is " + maxMessageBytes
                    + " bytes (see --limits)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = readBounded(in, size, maxMessageBytes);
            if (bytes == null) {
                throw new InputException("too large: more than " + maxMessageBytes + " bytes once read (it grew, or"
                        + " its size was not known), the limit is " + maxMessageBytes + " bytes (see --limits)");
            }
            return bytes;
        } catch (IOException | SecurityException e) {
            throw new InputException("file cannot be read (" + reason(e) + ")");
        } catch (OutOfMemoryError e) {
            throw new InputException(OUT_OF_MEMORY);
        }
    }

    /**
     * @param expected how many bytes the stream is expected to hold: allocated at once when within {@code max}
     * @param max      the most bytes accepted
     * @return the stream's bytes, or {@code null} when it holds more than {@code max}; never reads more than
     *         {@code max + 1} bytes
     */
    static byte[] readBounded(InputStream in, long expected, long max) throws IOException {
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] head = new byte[(int) Math.min(Math.max(expected, 0), cap)];
        int n = in.readNBytes(head, 0, head.length);
        if (n < head.length) {
            return java.util.Arrays.copyOf(head, n); // the file shrank
        }
        byte[] more = in.readNBytes(cap - n + 1); // the file grew, or its size was not known: one byte over at most
        if (more.length == 0) {
            return head;
        }
        if ((long) n + more.length > cap) {
            return null;
        }
        byte[] all = java.util.Arrays.copyOf(head, n + more.length);
        System.arraycopy(more, 0, all, n, more.length);
        return all;
    }

    /** @return the file's first {@link #SNIFF_BYTES} bytes (fewer when it is shorter) */
    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    /** @return what bytes starting with {@code head} hold. */
    static Kind sniff(byte[] head) {
        if (startsWith(head, "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Kind.MBOX;
        }
        if (startsWith(head, OLE2_SIGNATURE)) {
            return Kind.MSG;
        }
        return looksLikeHeader(head) ? Kind.EML : Kind.OTHER;
    }

    /** @return true when the bytes start with an RFC 5322 header field name and a colon. */
    private static boolean looksLikeHeader(byte[] head) {
        int i = 0;
        // tolerate a UTF-8 byte order mark, which some exporters write
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            i = 3;
        }
        int start = i;
        while (i < head.length && head[i] >= 33 && head[i] <= 126 && head[i] != ':') {
            i++;
        }
        return i > start && i < head.length && head[i] == ':';
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) && Files.isDirectory(dir.resolve("new"));
    }

    /**
     * @return true for a file name the walk skips without reading: hidden ({@code .DS_Store}), Thunderbird's
     *         {@code .msf} indexes, Dovecot and Courier metadata
     */
    static boolean isIgnoredName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || lower.endsWith(".msf") || IGNORED_NAMES.contains(lower)
                || lower.startsWith("dovecot.") || lower.startsWith("courierimap");
    }

    private static String extension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** @return a short reason for an I/O failure, without a stack trace. */
    static String reason(Exception e) {
        if (e instanceof UncheckedIOException u) {
            return reason(u.getCause());
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }
}
