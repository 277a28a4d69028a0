package org.pixelproof.detect;

import java.util.Objects;
import org.jsoup.nodes.Document;
import org.pixelproof.ingest.BodyKind;

/**
 * An HTML or AMP body parsed once by jsoup and shared by the finders of this package.
 *
 * <p>The document is mutable by nature; finders must only read it. Not thread-safe: each analysis parses its own.
 *
 * @param partPath the MIME part path it comes from
 * @param kind     {@link BodyKind#HTML} or {@link BodyKind#AMP_HTML}
 * @param document the parsed document, with {@code <base href>} applied as its base URI when present
 */
public record HtmlBody(String partPath, BodyKind kind, Document document) {
    public HtmlBody {
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }
}
