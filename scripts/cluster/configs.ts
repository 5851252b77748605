/**
 * Configuration files of the cluster's parts, as text. They double as examples for a production deployment:
 * the LiveKit nodes share one Redis (LiveKit's multi-node mode) and post webhooks to the load balancer; the load
 * balancer sends API traffic only to instances whose /readyz answers 200; pgbouncer pools in transaction mode.
 */

export interface LivekitNodeConfig {
  port: number;
  rtcTcpPort: number;
  rtcUdpPort: number;
  redisAddress: string;
  webhookUrl: string;
  apiKey: string;
  apiSecret: string;
}

export function livekitYaml(node: LivekitNodeConfig): string {
  return [
    `port: ${node.port}`,
    'bind_addresses: ["127.0.0.1"]',
    // Multi-node: every node registers in this Redis; a room lives on one node, signalling reaches it from any.
    'redis:',
    `  address: ${node.redisAddress}`,
    'rtc:',
    `  tcp_port: ${node.rtcTcpPort}`,
    `  udp_port: ${node.rtcUdpPort}`,
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    '  node_ip: 127.0.0.1',
    '  pli_throttle: { low_quality: 200ms, mid_quality: 300ms, high_quality: 300ms }', // as livekit.yaml
    'keys:',
    `  ${node.apiKey}: ${node.apiSecret}`,
    'webhook:',
    `  api_key: ${node.apiKey}`,
    '  urls:',
    `    - ${node.webhookUrl}`,
    'room:',
    '  auto_create: false',
    '  empty_timeout: 60',
    '  departure_timeout: 15',
    'logging:',
    '  level: warn',
    '',
  ].join('\n');
}

export interface HaproxyConfig {
  apiPort: number;
  apiServers: number[];
  livekitPort: number;
  livekitServers: number[];
  statsPort: number;
}

/** Header that pins an API request (HTTP or WebSocket) to one instance, so a test can say "through instance 2". */
export const INSTANCE_HEADER = 'x-pp-instance';
/** Cookie that pins a browser's LiveKit signalling to one node (cookies are per host, not per port). */
export const LIVEKIT_NODE_COOKIE = 'pp-livekit-node';

export function haproxyCfg(c: HaproxyConfig): string {
  const pinned = (servers: number[], prefix: string, fetch: string) =>
    servers.map((_, i) => `  use-server ${prefix}${i + 1} if { ${fetch} -m str ${i + 1} }`);
  const lines = (servers: number[], prefix: string, check: string) =>
    servers.map((port, i) => `  server ${prefix}${i + 1} 127.0.0.1:${port} ${check}`);
  return [
    'global',
    '  maxconn 4000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // WebSockets (graphql-ws, LiveKit signalling) stay open far longer than a request.
    '  timeout tunnel 1h',
    'frontend api',
    `  bind 127.0.0.1:${c.apiPort}`,
    '  default_backend api',
    'backend api',
    '  balance roundrobin',
    // An instance takes traffic only while it can reach the database; a stopping one is taken out within a second.
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    '  default-server inter 500 fall 2 rise 2',
    // A connection refused by an instance that is going away (not yet marked down) is retried on the other.
    '  option redispatch',
    '  retries 3',
    ...pinned(c.apiServers, 'api', `req.hdr(${INSTANCE_HEADER})`),
    '  http-response set-header x-pp-served-by %s',
    ...lines(c.apiServers, 'api', 'check'),
    'frontend livekit',
    `  bind 127.0.0.1:${c.livekitPort}`,
    '  default_backend livekit',
    'backend livekit',
    '  balance roundrobin',
    '  default-server inter 1s fall 2 rise 2',
    ...pinned(c.livekitServers, 'lk', `req.cook(${LIVEKIT_NODE_COOKIE})`),
    ...lines(c.livekitServers, 'lk', 'check'),
    'listen stats',
    `  bind 127.0.0.1:${c.statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}

export interface PgbouncerConfig {
  port: number;
  postgresPort: number;
  database: string;
}

export function pgbouncerIni(c: PgbouncerConfig): string {
  return [
    '[databases]',
    `${c.database} = host=127.0.0.1 port=${c.postgresPort} dbname=${c.database} user=postgres`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${c.port}`,
    'unix_socket_dir =',
    // Loopback test only: the database line names the user; production uses auth_type = scram-sha-256 + auth_file.
    'auth_type = any',
    'pool_mode = transaction',
    'max_client_conn = 1000',
    'default_pool_size = 20',
    'ignore_startup_parameters = extra_float_digits,options',
    '',
  ].join('\n');
}
