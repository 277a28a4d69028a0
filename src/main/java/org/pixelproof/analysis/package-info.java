/**
 * Runs the whole pipeline (ingest, detect, assess, authenticity) on one input and holds its result, the
 * {@link org.pixelproof.analysis.Analysis} whose JSON form is the public interface of PixelProof.
 */
package org.pixelproof.analysis;
