import CCurl

/// Reads a host's certificate without trusting it, to show the user its public-key pin
/// (trust on first use, like SSH's known_hosts).
///
/// libcurl's CURLINFO_CERTINFO gives the certificate as PEM; the pin is the SHA-256 of its
/// DER SubjectPublicKeyInfo, in the `sha256//BASE64` form CURLOPT_PINNEDPUBLICKEY accepts.
/// A small DER walk and an own SHA-256 avoid linking OpenSSL's libcrypto directly.
public enum CertificateProbe {
    /// Connects (TLS handshake only, no request) with verification off and returns the pin.
    public static func publicKeyPin(of host: HostURL, connectTimeout: Double) throws(XAPITransportError) -> String {
        guard let h = curl_easy_init() else { throw .curl(url: host.description, code: -1, message: "curl_easy_init failed") }
        defer { curl_easy_cleanup(h) }
        xentui_curl_setopt_string(h, CURLOPT_URL, host.url(path: "/"))
        xentui_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        xentui_curl_setopt_cloexec_sockets(h)
        xentui_curl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1)
        xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)
        xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0)
        xentui_curl_setopt_long(h, CURLOPT_CERTINFO, 1)
        xentui_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        let code = curl_easy_perform(h)
        guard code == CURLE_OK else {
            throw .tlsFailure(url: host.description, message: String(cString: curl_easy_strerror(code)))
        }
        var info: UnsafeMutablePointer<curl_certinfo>? = nil
        xentui_curl_getinfo_certinfo(h, &info)
        guard let info, info.pointee.num_of_certs > 0, let fields = info.pointee.certinfo?[0] else {
            throw .tlsFailure(url: host.description, message: "the host sent no certificate")
        }
        var node: UnsafeMutablePointer<curl_slist>? = fields
        while let current = node {
            if let data = current.pointee.data {
                let field = String(cString: data)
                if field.hasPrefix("Cert:") {
                    guard let pin = pin(pem: String(field.dropFirst(5))) else { break }
                    return pin
                }
            }
            node = current.pointee.next
        }
        throw .tlsFailure(url: host.description, message: "cannot read the host's certificate")
    }

    /// The `sha256//…` pin of a PEM certificate, nil when it is not a well-formed certificate.
    public static func pin(pem: String) -> String? {
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Base64.decode(body), let spki = subjectPublicKeyInfo(certificate: der) else { return nil }
        return "sha256//" + Base64.encode(SHA256.hash(spki))
    }

    /// The DER bytes of `tbsCertificate.subjectPublicKeyInfo` (RFC 5280 §4.1).
    static func subjectPublicKeyInfo(certificate der: [UInt8]) -> [UInt8]? {
        guard let certificate = DERElement(der, at: 0), certificate.tag == 0x30,
            let tbs = DERElement(der, at: certificate.contentStart), tbs.tag == 0x30
        else { return nil }
        var offset = tbs.contentStart
        guard let first = DERElement(der, at: offset) else { return nil }
        if first.tag == 0xA0 { offset = first.end }  // explicit [0] version
        // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo.
        for _ in 0..<5 {
            guard let element = DERElement(der, at: offset), element.end <= tbs.end else { return nil }
            offset = element.end
        }
        guard let spki = DERElement(der, at: offset), spki.tag == 0x30, spki.end <= tbs.end else { return nil }
        return Array(der[spki.start..<spki.end])
    }
}

/// One DER tag-length-value, bounds-checked.
struct DERElement {
    var tag: UInt8
    var start: Int
    var contentStart: Int
    var end: Int

    init?(_ bytes: [UInt8], at start: Int) {
        guard start + 2 <= bytes.count else { return nil }
        tag = bytes[start]
        var offset = start + 1
        var length = Int(bytes[offset])
        offset += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, offset + count <= bytes.count else { return nil }
            length = 0
            for i in 0..<count { length = length << 8 | Int(bytes[offset + i]) }
            offset += count
        }
        guard offset + length <= bytes.count else { return nil }
        self.start = start
        contentStart = offset
        end = offset + length
    }
}
