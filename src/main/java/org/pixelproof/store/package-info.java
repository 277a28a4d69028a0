/**
 * Keeps analyses, the original bytes and the complainant's details in the embedded database (or PostgreSQL), checks
 * their integrity when read back and erases them when asked or when their retention ends.
 */
package org.pixelproof.store;
