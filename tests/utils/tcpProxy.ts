import net from "node:net";

/// A TCP proxy between a test's processes and a real server, to cut or
/// freeze a connection as a network or a stuck database would: `freeze`
/// stops forwarding in both directions without closing anything (bytes
/// wait in the kernel's buffers), `retarget` sends new connections
/// elsewhere (a load balancer failing over), `dropAll` closes the open ones.
/// `freezeOn` freezes only the connection that sends `pattern` (e.g. one SQL
/// statement), from that packet on, as a database stuck on one query would:
/// the others keep answering. It resolves once that has happened.
export interface TcpProxy {
  port: number;
  freeze(): void;
  freezeOn(pattern: string): Promise<void>;
  thaw(): void;
  retarget(port: number, host?: string): void;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = "127.0.0.1",
): Promise<TcpProxy> {
  let target = { port: targetPort, host: targetHost };
  let frozen = false;
  const pairs = new Set<[net.Socket, net.Socket]>();
  /// Sockets of connections frozen by `freezeOn`.
  const stuck = new Set<net.Socket>();
  let trigger: { pattern: string; hit: () => void } | null = null;
  /// Bytes held while frozen, per destination socket, in order.
  const held = new Map<net.Socket, Buffer[]>();
  const forward = (from: net.Socket, to: net.Socket, upstream: boolean) =>
    from.on("data", (d: Buffer) => {
      if (upstream && trigger && d.includes(trigger.pattern)) {
        stuck.add(from).add(to);
        trigger.hit();
        trigger = null;
      }
      if (frozen || stuck.has(to)) held.set(to, [...(held.get(to) ?? []), d]);
      else to.write(d);
    });
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    forward(client, upstream, true);
    forward(upstream, client, false);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    freeze() {
      frozen = true;
    },
    freezeOn(pattern) {
      return new Promise<void>((hit) => {
        trigger = { pattern, hit };
      });
    },
    thaw() {
      frozen = false;
      trigger = null;
      stuck.clear();
      for (const [to, chunks] of held) if (!to.destroyed) for (const c of chunks) to.write(c);
      held.clear();
    },
    retarget(p, host = "127.0.0.1") {
      target = { port: p, host };
    },
    dropAll() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
