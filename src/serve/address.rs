//! The names the preview answers to, and the addresses it prints. Every request's `Host` must name this
//! server: `localhost` or an IP address, on its port; with `--bind` on a network address, also this
//! machine's own name (`mylaptop`, `mylaptop.local`, as a phone on the same Wi-Fi may know it). A page on
//! another site that rebinds its own name to this machine sends that name, and is refused.

use axum::http::{HeaderMap, header};
use std::net::{IpAddr, UdpSocket};

pub(super) struct Address {
    pub(super) port: u16,
    /// This machine's names, lower case, when others on the network may reach it; else none.
    names: Vec<String>,
}

impl Address {
    pub(super) fn new(bind: IpAddr, port: u16) -> Self {
        let names = if bind.is_loopback() { Vec::new() } else { machine_names() };
        Address { port, names }
    }

    /// `headers` name this server: one of its names or an IP address, and its port.
    pub(super) fn is_named_by(&self, headers: &HeaderMap) -> bool {
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
        let (name, port) = match host.rsplit_once(':') {
            Some((name, p)) if !name.ends_with(']') || name.starts_with('[') => (name, p.parse::<u16>().ok()),
            _ => (host, None),
        };
        if port != Some(self.port) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost")
            || name.parse::<IpAddr>().is_ok()
            || self.names.iter().any(|own| own.eq_ignore_ascii_case(name))
    }

    /// Warns that others on the network can reach the preview, and says where a phone can open it.
    pub(super) fn tell_the_network(&self, bind: IpAddr, base_path: &str) {
        warn_if_reachable(bind, self.port);
        let on_the_network = self.on_the_network(bind, base_path);
        if !on_the_network.is_empty() {
            eprintln!("on a phone or tablet on the same network (Wi-Fi), open {}", on_the_network.join(" or "));
        }
    }

    /// The addresses another device on the network can open (`http://192.168.1.20:4004/`, and by name), for a
    /// server listening on `bind`; none on loopback.
    pub(super) fn on_the_network(&self, bind: IpAddr, base_path: &str) -> Vec<String> {
        if bind.is_loopback() {
            return Vec::new();
        }
        let ip = if bind.is_unspecified() { network_ip(bind) } else { Some(bind) };
        let ip = ip.map(url_host);
        // The `.local` name (Bonjour, Avahi) is the one a phone resolves; the bare name is for the machine itself.
        let name = self.names.iter().find(|n| n.strip_suffix(".local").is_some()).cloned();
        ip.into_iter().chain(name).map(|host| format!("http://{host}:{}{base_path}", self.port)).collect()
    }
}

/// Warns when others on the network can reach the preview.
fn warn_if_reachable(bind: IpAddr, port: u16) {
    if bind.is_unspecified() {
        eprintln!(
            "warning: listening on every network interface (port {port}) — anyone on your network can see the \
             preview, drafts included"
        );
    } else if !bind.is_loopback() {
        eprintln!("warning: listening on {bind} — anyone on your network can see the preview, drafts included");
    }
}

/// The address bound as a URL's host (127.0.0.2 is not 127.0.0.1); for every interface, this machine's loopback.
pub(super) fn url_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".into(),
        IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".into(),
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// This machine's name and its `.local` form (`mylaptop`, `mylaptop.local`), lower case.
fn machine_names() -> Vec<String> {
    let name = gethostname::gethostname().to_string_lossy().trim().to_lowercase();
    if name.is_empty() || name == "localhost" {
        return Vec::new();
    }
    let bare = name.strip_suffix(".local").unwrap_or(&name).to_string();
    vec![format!("{bare}.local"), bare]
}

/// The address this machine uses on its network: the one a connection to the outside would leave from.
/// A UDP "connection" only picks the route; no packet is sent (192.0.2.1 is a documentation address).
fn network_ip(bind: IpAddr) -> Option<IpAddr> {
    let (any, outside) = match bind {
        IpAddr::V4(_) => ("0.0.0.0:0", "192.0.2.1:80"),
        IpAddr::V6(_) => ("[::]:0", "[2001:db8::1]:80"),
    };
    let socket = UdpSocket::bind(any).ok()?;
    socket.connect(outside).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_host(host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        headers
    }

    #[test]
    fn only_local_names_and_addresses_on_this_port_are_served() {
        let loopback = Address { port: 4004, names: Vec::new() };
        for good in ["127.0.0.1:4004", "localhost:4004", "[::1]:4004", "192.168.1.20:4004", "LOCALHOST:4004"] {
            assert!(loopback.is_named_by(&with_host(good)), "{good}");
        }
        for bad in ["evil.example:4004", "127.0.0.1:80", "127.0.0.1", "localhost.evil.example:4004", "[::1]"] {
            assert!(!loopback.is_named_by(&with_host(bad)), "{bad}");
        }
        assert!(!loopback.is_named_by(&HeaderMap::new()));
        assert!(!loopback.is_named_by(&with_host("mylaptop.local:4004")), "a name only on the network");
    }

    #[test]
    fn on_the_network_the_machines_own_name_is_served_and_no_other() {
        let network = Address { port: 4004, names: vec!["mylaptop.local".into(), "mylaptop".into()] };
        for good in ["mylaptop.local:4004", "MyLaptop.local:4004", "mylaptop:4004", "192.168.1.20:4004"] {
            assert!(network.is_named_by(&with_host(good)), "{good}");
        }
        for bad in ["mylaptop.local:80", "evil.mylaptop.local:4004", "mylaptop.local.evil.example:4004"] {
            assert!(!network.is_named_by(&with_host(bad)), "{bad}");
        }
        let shown = network.on_the_network("192.168.1.20".parse().unwrap(), "/");
        assert_eq!(shown, ["http://192.168.1.20:4004/", "http://mylaptop.local:4004/"]);
        assert!(network.on_the_network("127.0.0.1".parse().unwrap(), "/").is_empty());
    }
}
