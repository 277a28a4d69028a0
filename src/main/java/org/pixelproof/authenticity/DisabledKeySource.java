package org.pixelproof.authenticity;

/** The source used when DKIM key lookups are switched off: it answers {@code DISABLED}, makes no query. */
final class DisabledKeySource implements DkimKeySource {
    static final DisabledKeySource INSTANCE = new DisabledKeySource();

    private DisabledKeySource() {
    }

    @Override
    public KeyLookup lookup(String selector, String domain) {
        return KeyLookup.disabled("key lookups switched off");
    }

    @Override
    public String kind() {
        return "none";
    }
}
