#!/usr/bin/env python3
"""Local AWS emulator for Plumbline: moto's server plus one patch.

moto 5.2.1 does not report VPN tunnel telemetry: DescribeVpnConnections
returns no ``vgwTelemetry``, so the VPN tunnel redundancy rule (REL2) finds
nothing to check against the emulator. This script adds two tunnels'
telemetry to every VPN connection, then runs moto's own server entry point
(the same ``moto.server.main`` that ``moto_server`` runs, same arguments).

Tunnel status comes from the connection's tag ``emulator:tunnel-status``,
e.g. ``UP,DOWN`` (tunnel 1, tunnel 2); without the tag both tunnels are UP.
``lastStatusChange`` moves when a tunnel's reported status changes.

This exists for the local stack and the demo only. Automated tests cover
moto's gaps with recorded AWS responses instead, not with this patch.

moto 5.2.1 has no XML template for this call: responses are serialized from
the model objects following botocore's EC2 shapes, so the patch is a
``vgw_telemetry`` property on moto's VPNConnection model. Files under
site-packages are not changed.

Usage: python3 emulator.py -H 127.0.0.1 -p 15000
"""

import hashlib
import sys
from datetime import datetime, timezone

from moto.ec2.models.vpn_connections import VPNConnection
from moto.server import main

TUNNEL_STATUS_TAG = "emulator:tunnel-status"
DEFAULT_STATUSES = ("UP", "UP")


def _tunnel_statuses(conn):
    """Statuses of tunnel 1 and 2 from the tag; anything unclear means UP."""
    tag = conn.ec2_backend.tags.get(conn.id, {}).get(TUNNEL_STATUS_TAG)
    if not tag:
        return DEFAULT_STATUSES
    parts = [p.strip().upper() for p in tag.split(",")]
    return tuple(
        parts[i] if i < len(parts) and parts[i] in ("UP", "DOWN") else "UP"
        for i in range(2)
    )


def _outside_ip(conn, tunnel):
    """Stable per-connection address from the TEST-NET-3 range (203.0.113.0/24)."""
    digest = hashlib.sha256(f"{conn.id}/{tunnel}".encode()).digest()
    return f"203.0.113.{1 + digest[0] % 254}"


def _vgw_telemetry(conn):
    """Two tunnels in botocore's VgwTelemetry shape (serialized as vgwTelemetry/item)."""
    # Remember what each tunnel last reported so lastStatusChange only moves on a change.
    history = conn.__dict__.setdefault("_emulator_tunnels", {})
    now = datetime.now(timezone.utc).replace(microsecond=0)
    telemetry = []
    for tunnel, status in enumerate(_tunnel_statuses(conn), start=1):
        previous = history.get(tunnel)
        if previous is None or previous[0] != status:
            history[tunnel] = previous = (status, now)
        telemetry.append(
            {
                "OutsideIpAddress": _outside_ip(conn, tunnel),
                "Status": status,
                "LastStatusChange": previous[1],
                "StatusMessage": "" if status == "UP" else "IPSEC IS DOWN",
                "AcceptedRouteCount": 0,
            }
        )
    return telemetry


VPNConnection.vgw_telemetry = property(_vgw_telemetry)

if __name__ == "__main__":
    sys.exit(main())
