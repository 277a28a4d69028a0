package org.pixelproof.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 *   <li>A folder is walked recursively, entries sorted by name; symbolic links to folders are not followed. In a
 *       folder, files named {@code *.eml}, {@code *.msg}, {@code *.mbox}, {@code *.mbx} and the files of a Maildir's
 *       {@code cur/} and {@code new/} are always analysed (and reported when they are not e-mails); any other file is
 *       analysed only when its first bytes look like a message or an mbox, else it is ignored and counted (a
 *       {@code README}, a manifest, an index: {@link #ignoredFiles()}). Hidden files ({@code .DS_Store}, macOS's
 *       {@code ._} copies), Thunderbird's {@code .msf} indexes and Dovecot/Courier metadata are never e-mails: they
 *       are skipped without being read, and counted apart ({@link #hiddenFiles()}).</li>
 *   <li>A Maildir (a folder with {@code cur/} and {@code new/}) is read from {@code new/} and {@code cur/}; its
 *       {@code tmp/} (messages being delivered) is skipped; Maildir++ sub-folders ({@code .Sent/}) are walked. Other
 *       hidden folders ({@code .git/}, {@code .Trash-1000/}) are not walked.</li>
 *   <li>A path given explicitly is always analysed, whatever its name.</li>
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
    }

    /** What a file holds, as told by its first bytes. */
    enum Kind { EML, MBOX, MSG, OTHER }

    private final long maxMessageBytes;
    private final MailboxFormats formats;
    private long next;
    private long ignored;
    /** The first {@link #MAX_IGNORED_NAMED} files ignored, as paths, for the end-of-run summary. */
    private final List<String> ignoredNames = new ArrayList<>();
    private long hidden;
    /** The first {@link #MAX_IGNORED_NAMED} hidden or mail-program files skipped, as paths. */
    private final List<String> hiddenNames = new ArrayList<>();

    /** Most ignored files named in the summary; default 10 (the others are counted). */
    static final int MAX_IGNORED_NAMED = 10;

    /**
     * @param maxMessageBytes a file larger than this, in bytes, is reported as too large without being read (mbox
     *                        files excepted: they are streamed, and this limit applies to each message)
     * @param formats         the mbox and {@code .msg} readers
     */
    InputWalker(long maxMessageBytes, MailboxFormats formats) {
        this.maxMessageBytes = maxMessageBytes;
        this.formats = formats;
    }

    /**
     * Walks every path in order and hands each input to {@code sink}.
     *
     * @param paths the paths as given on the command line
     * @return the number of inputs handed over
     */
    long walk(List<String> paths, Sink sink) throws InterruptedException {
        for (String given : paths) {
            Path path = Path.of(given);
            if (Files.isDirectory(path)) {
                directory(path, false, sink);
            } else if (Files.exists(path)) {
                file(path, true, false, sink);
            } else {
                sink.accept(Input.failed(next++, given, "no such file or folder"));
            }
        }
        return next;
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

    private void ignore(String name) {
        if (ignored++ < MAX_IGNORED_NAMED) {
            ignoredNames.add(name);
        }
    }

    private void directory(Path dir, boolean insideMaildirStore, Sink sink) throws InterruptedException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.toList());
        } catch (IOException | SecurityException e) {
            sink.accept(Input.failed(next++, dir.toString(), "folder cannot be read (" + reason(e) + ")"));
            return;
        }
        entries.sort(null);
        boolean maildir = isMaildir(dir);
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (maildir && name.equals("tmp")) {
                    continue;
                }
                if (name.startsWith(".") && !maildir) {
                    continue;
                }
                directory(entry, maildir && (name.equals("cur") || name.equals("new")), sink);
            } else if (Files.isRegularFile(entry)) {
                if (isIgnoredName(name)) {
                    if (hidden++ < MAX_IGNORED_NAMED) {
                        hiddenNames.add(entry.toString());
                    }
                } else {
                    file(entry, false, insideMaildirStore, sink);
                }
            }
        }
    }

    private void file(Path file, boolean explicit, boolean maildirMessage, Sink sink) throws InterruptedException {
        String name = file.toString();
        Kind kind;
        try {
            kind = sniff(file);
        } catch (IOException | SecurityException e) {
            sink.accept(Input.failed(next++, name, "file cannot be read (" + reason(e) + ")"));
            return;
        }
        if (kind == Kind.OTHER && !explicit && !maildirMessage && !MAIL_EXTENSIONS.contains(extension(name))) {
            ignore(name);
            return;
        }
        if (kind == Kind.OTHER && "mbox".equals(extension(name)) && isEmpty(file)) {
            return; // an empty mailbox holds no message
        }
        switch (kind) {
            case MBOX -> mbox(file, name, maildirMessage || !namedLikeMbox(name), sink);
            case MSG -> {
                if (!explicit && !"msg".equals(extension(name))) {
                    ignore(name); // another OLE2 document (.doc, .xls) found in a folder
                    return;
                }
                sink.accept(new Input(next++, name, () -> readMessage(file), true));
            }
            default -> sink.accept(new Input(next++, name, () -> readMessage(file)));
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
        try {
            formats.readMbox(file, maxMessageBytes, (number, bytes, reason) -> {
                if (held != null && number == 1) {
                    held.bytes = bytes;
                    held.reason = reason;
                    held.present = true;
                    return;
                }
                if (held != null && held.present) {
                    sink.accept(member(name + "#1", held));
                    held.present = false;
                }
                sink.accept(member(name + "#" + number, bytes, reason));
            });
        } catch (IOException e) {
            if (held != null && held.present) {
                sink.accept(member(name + "#1", held));
            }
            sink.accept(Input.failed(next++, name, "mbox cannot be read (" + reason(e) + ")"));
            return;
        }
        if (held != null && held.present) {
            sink.accept(member(name, held));
        }
    }

    /** The first message of a file that may hold only one, until the file's end or a second message shows. */
    private static final class Held {
        byte[] bytes;
        String reason;
        boolean present;
    }

    private Input member(String name, Held held) {
        Input input = member(name, held.bytes, held.reason);
        held.bytes = null;
        return input;
    }

    private Input member(String name, byte[] bytes, String reason) {
        return bytes != null ? Input.ofBytes(next++, name, bytes) : Input.failed(next++, name, reason);
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

    private byte[] readMessage(Path file) throws InputException {
        try {
            long size = Files.size(file);
            if (size > maxMessageBytes) {
                throw new InputException("too large: " + size + " bytes, the limit is " + maxMessageBytes
                        + " bytes (see --limits)");
            }
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw new InputException("file cannot be read (" + reason(e) + ")");
        }
    }

    /** @return what the file holds, from its first bytes. */
    static Kind sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        return sniff(head);
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

    private static boolean isIgnoredName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || lower.endsWith(".msf") || IGNORED_NAMES.contains(lower)
                || lower.startsWith("dovecot.") || lower.startsWith("courierimap");
    }

    private static String extension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return a short reason for an I/O failure, without a stack trace. */
    static String reason(Exception e) {
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
