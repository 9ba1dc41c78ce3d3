package org.micasim.policy.check;

/** What a diagnostic is about; one code per rule, so tests and tools need not parse messages. */
public enum DiagnosticCode {
    /** The file cannot be read or is too large. */
    INPUT,
    /** The text is not well-formed policy or pipeline syntax. */
    SYNTAX,
    UNKNOWN_KEY,
    DUPLICATE_KEY,
    /** A value of the wrong kind (string where an integer belongs, unknown keyword, ...). */
    WRONG_VALUE,
    MISSING_KEY,
    SELF_MISSING,
    SELF_UNDECLARED,
    UNDECLARED_VM,
    NAME_TOO_LONG,
    NAME_CHARS,
    BAD_SIZE,
    TOO_MANY,
    ANY_COUNT,
    NAMED_ANY_COUNT,
    GPA_ALIGN,
    GPA_OVERLAP,
    MEM_WITHOUT_SELF,
    MEM_TYPE,
    OUT_OF_RANGE,
    DUPLICATE_HASH,
    CF_CONFLICT,
    EMPTY_RANGE,
    NOT_UPLOADABLE,
    /** A cross-realm agreement rule of the RMM's upload validation fails. */
    AGREEMENT,
    /** A pipeline file refers to something that does not exist. */
    PIPELINE,
    /** A flow assertion of a pipeline does not hold. */
    ASSERTION,
}
