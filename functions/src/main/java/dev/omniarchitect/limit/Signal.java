package dev.omniarchitect.limit;

/** What a call's end says about the provider's capacity. */
enum Signal {
    SUCCEEDED,
    /** Refused (429, 529): what the others had in flight is what the provider takes. */
    THROTTLED,
    /** Answered, but its headers say the provider is nearly out: a cut, not a measure of capacity. */
    NEARLY_OUT,
    NONE
}
