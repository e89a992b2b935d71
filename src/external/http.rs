//! One request per link, with ureq (a blocking client: a few dozen links need no async runtime). The only
//! module that knows ureq.

use std::time::Duration;

/// What asking for a link gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Answer {
    /// The final status, after redirects.
    Status(u16),
    /// No status: the host was not found, the connection failed, or the time ran out.
    Failed(String),
}

pub(super) struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Client {
    pub(super) fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("sinew/", env!("CARGO_PKG_VERSION"), " (link check)"))
            .build();
        Client { agent: config.into(), timeout }
    }

    /// HEAD, then GET when HEAD is refused: some servers answer HEAD with 405, 403 or 404, or not at all,
    /// for pages a browser gets. A timeout is not retried, so a silent host costs one timeout, not two.
    pub(super) fn ask(&self, url: &str) -> Answer {
        match self.agent.head(url).call() {
            Ok(response) if response.status().as_u16() < 400 => Answer::Status(response.status().as_u16()),
            Err(error @ ureq::Error::Timeout(_)) => self.failure(&error),
            _ => match self.agent.get(url).call() {
                // The body is not read: the status is all a link check needs.
                Ok(response) => Answer::Status(response.status().as_u16()),
                Err(error) => self.failure(&error),
            },
        }
    }

    fn failure(&self, error: &ureq::Error) -> Answer {
        Answer::Failed(match error {
            ureq::Error::Timeout(_) => format!("no answer within {} s", self.timeout.as_secs_f64()),
            ureq::Error::HostNotFound => "host not found".into(),
            other => other.to_string(),
        })
    }
}
