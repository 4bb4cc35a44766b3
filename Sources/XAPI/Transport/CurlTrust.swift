import CCurl

/// How a libcurl handle trusts a host's TLS certificate: the one policy of every connection
/// to a pool (RPC calls, the event poll, consoles).
enum CurlTrust {
    static func apply(_ options: TransportOptions, for host: HostURL, to h: UnsafeMutableRawPointer) {
        guard host.isTLS else { return }
        if options.insecure {
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0)
        } else if let pin = options.pin {
            // A pinned key is the trust: self-signed host certificates have no chain to check.
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0)
            xentui_curl_setopt_string(h, CURLOPT_PINNEDPUBLICKEY, pin)
        } else {
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1)
            xentui_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2)
        }
    }
}
