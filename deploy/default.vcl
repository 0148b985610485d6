vcl 4.1;
# Varnish in front of the load balancer (README "Beyond one machine": the cache in front).
#
# The portal says what may be kept: anonymous public pages carry `Cache-Control: public, max-age=60,
# s-maxage=600` and an ETag from the content version (core/httpcache.py); everything else is
# `private, no-store`. Varnish keeps a page for s-maxage, and the portal empties it on every change of
# public content with a PURGE request (settings CACHE_PURGE_URLS, core/versioning.py), so the next
# request after a publication shows it. Kept objects also revalidate with If-None-Match, which the
# portal answers with a 304 before rendering.
#
# tests/deploy/ uses this file as it is, with the backend's address below rewritten to its own port.

backend default {
    .host = "lb";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may empty the cache: the app servers (loopback and private networks, such as compose's).
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # The content version is one number for the whole site: a change empties every page.
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in member (session) or a visitor with a message waiting sees pages of their own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (the CSRF token, the language, anything a browser adds) do not change a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # What the portal did not mark public is not kept (Varnish's own rules follow for the rest).
    if (beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # If every app server is down, the last copy is served for up to an hour; and a copy kept past its
    # time is revalidated with If-None-Match (a 304 from the portal costs one query).
    set beresp.grace = 1h;
    set beresp.keep = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
