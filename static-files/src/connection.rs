//! One browser's connection: HTTP/1.1 requests read one after another (GET and HEAD have
//! no body; any other's is skipped), each answered in turn.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::Response;

/// How long a connection may send nothing (or take nothing of an answer) before it is
/// closed: a browser's idle keep-alive connection, or a client that connects and waits,
/// gives its thread back (a browser opens a new connection when it needs one).
const IDLE: Duration = Duration::from_secs(30);

/// Answers the requests of `stream` until the browser closes it or asks to, or `answer`
/// gives nothing (the connection is then dropped unanswered), or it is idle for [`IDLE`].
pub fn serve(stream: TcpStream, answer: &dyn Fn(&Request) -> Option<Response>) {
    serve_idle(stream, answer, IDLE);
}

fn serve_idle(stream: TcpStream, answer: &dyn Fn(&Request) -> Option<Response>, idle: Duration) {
    if stream.set_read_timeout(Some(idle)).is_err() || stream.set_write_timeout(Some(idle)).is_err()
    {
        return;
    }
    let Ok(read) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read);
    let mut out = stream;
    while let Some(request) = Request::read(&mut reader) {
        let Some(response) = answer(&request) else {
            return;
        };
        let with_body = request.method != "HEAD";
        if write(&mut out, &response, with_body, request.close).is_err() || request.close {
            return;
        }
    }
}

/// What an answer depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The path and query, as sent (`/ru/?q=%D0%B0`).
    pub target: String,
    /// The `Accept-Encoding` header.
    pub accept_encoding: Option<String>,
    /// The browser is done with the connection after this answer.
    close: bool,
}

impl Request {
    /// The next request; none once the browser has closed the connection (or sent
    /// something that is not HTTP).
    fn read(reader: &mut impl BufRead) -> Option<Request> {
        let line = read_line(reader)?;
        let mut words = line.split_whitespace();
        let (method, target) = (words.next()?.to_owned(), words.next()?.to_owned());
        let mut request = Request {
            method,
            target,
            accept_encoding: None,
            close: words.next() == Some("HTTP/1.0"),
        };
        let mut length = 0;
        loop {
            let header = read_line(reader)?;
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "accept-encoding" => request.accept_encoding = Some(value.to_owned()),
                "connection" => request.close = value.eq_ignore_ascii_case("close"),
                "content-length" => length = value.parse().ok()?,
                _ => {}
            }
        }
        io::copy(&mut reader.take(length), &mut io::sink()).ok()?;
        Some(request)
    }
}

/// The longest request line or header read: a longer one drops the connection rather
/// than grow in memory for as long as a client sends.
const MAX_LINE: u64 = 64 * 1024;

/// A line without its CRLF; none at the end of the stream, or past `MAX_LINE`.
fn read_line(reader: &mut impl BufRead) -> Option<String> {
    let mut line = String::new();
    match reader.by_ref().take(MAX_LINE).read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) if !line.ends_with('\n') => None,
        Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_owned()),
    }
}

fn write(out: &mut impl Write, r: &Response, with_body: bool, close: bool) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (name, value) in &r.headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += &format!("Content-Length: {}\r\n", r.body.len());
    if close {
        head += "Connection: close\r\n";
    }
    head += "\r\n";
    out.write_all(head.as_bytes())?;
    if with_body {
        out.write_all(&r.body)?;
    }
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;
    use std::time::Instant;

    use super::*;

    #[test]
    fn a_connection_that_sends_nothing_is_closed_once_idle() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let started = Instant::now();
        let served = std::thread::spawn(move || {
            serve_idle(server, &|_| None, Duration::from_millis(200));
        });
        // The server's side ends by itself, and the client sees the connection closed.
        served.join().unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");
        client
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut buf = [0u8; 1];
        assert_eq!(client.read(&mut buf).unwrap(), 0);
    }

    #[test]
    fn a_line_longer_than_the_limit_ends_the_connection() {
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_LINE as usize));
        assert_eq!(read_line(&mut long.as_bytes()), None);
        let mut ok = "GET / HTTP/1.1\r\nHost: x\r\n".as_bytes();
        assert_eq!(read_line(&mut ok).as_deref(), Some("GET / HTTP/1.1"));
        assert_eq!(read_line(&mut ok).as_deref(), Some("Host: x"));
        assert_eq!(read_line(&mut ok), None);
    }
}
