"""The visitor's address behind our proxies: the entry a trusted proxy added, never one the client wrote."""

import pytest
from django.test import RequestFactory

from core.ratelimit import client_ip

VISITOR = "203.0.113.9"
PROXY = "10.0.0.2"


def request(forwarded=None, remote=PROXY):
    headers = {"x-forwarded-for": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", headers=headers, REMOTE_ADDR=remote)


@pytest.mark.usefixtures("behind_one_proxy")
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (VISITOR, VISITOR),  # what our proxy added
        (f"1.2.3.4, {VISITOR}", VISITOR),  # the client wrote 1.2.3.4
        (f"1.2.3.4,5.6.7.8 ,  {VISITOR}", VISITOR),
        (f"{VISITOR}:51234", VISITOR),  # a proxy that adds the port
        ("[2001:db8::7]:443", "2001:db8::7"),
        (None, PROXY),  # not through the proxy: the address that connected
        ("", PROXY),
        ("1.2.3.4, not-an-address", PROXY),
    ],
)
def test_the_address_is_the_one_our_proxy_added(forwarded, expected):
    assert client_ip(request(forwarded)) == expected


def test_two_trusted_proxies_count_two_entries_from_the_right(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_HOPS = 2  # a load balancer, then nginx

    assert client_ip(request(f"1.2.3.4, {VISITOR}, 10.0.0.1")) == VISITOR
    assert client_ip(request("10.0.0.1")) == PROXY  # fewer entries than proxies: not from our proxies


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False

    assert client_ip(request(f"1.2.3.4, {VISITOR}", remote="198.51.100.4")) == "198.51.100.4"
