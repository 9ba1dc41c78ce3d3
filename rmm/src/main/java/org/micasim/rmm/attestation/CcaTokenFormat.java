package org.micasim.rmm.attestation;

/** The two top-level encodings of a CCA token. */
public enum CcaTokenFormat {
    /** RMM 1.0 A7.2.1 (TF-RMM rel0): {@code 399({44234: bstr, 44241: bstr})}. */
    TAG_399(399),
    /**
     * CMW collection (TF-RMM HEAD, TF-M examples, realm profile 2.0):
     * {@code 907({44234: [263, bstr], 44241: [263, bstr]})}, 263 being the CoAP content format of an EAT CWT.
     */
    CMW_907(907);

    /** The CMW type of each entry in the {@link #CMW_907} form. */
    public static final int COAP_EAT_CWT = 263;

    private final int tag;

    CcaTokenFormat(int tag) {
        this.tag = tag;
    }

    /** The CBOR tag on the outer map. */
    public int tag() {
        return tag;
    }
}
