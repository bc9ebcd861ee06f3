#!/bin/sh
# The private "server" one case of the detection benchmark runs on. Started by harness.py as
#   unshare -m -C sh world.sh WORKSPACE
# (a mount namespace of its own, and a cgroup namespace rooted at the case's cgroup), it makes the
# root an overlay of the host's (whatever the case writes, /usr/local/bin, /opt, /home, /etc/cron.d,
# lands in a tmpfs and vanishes with the namespace), gives it fresh /tmp, /var/tmp, /dev/shm and /run,
# shows WORKSPACE at /run/ctg-bench, pivots into it, says so, and waits to be killed.
set -eu
ws=$1
mount --make-rprivate /
base=$ws/world
mkdir -p "$base"
mount -t tmpfs ctg-world "$base"  # the overlay's upper layer may not be on the overlay itself
mkdir "$base/upper" "$base/work" "$base/root"
mount -t overlay ctg-world -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
r=$base/root
mount --rbind /proc "$r/proc"
mount --rbind /sys "$r/sys"
mount --rbind /dev "$r/dev"
for d in tmp var/tmp dev/shm; do mount -t tmpfs -o mode=1777 ctg-world "$r/$d"; done
mount -t tmpfs -o mode=755 ctg-world "$r/run"
mkdir "$r/run/netns" "$r/run/ctg-bench"
mount --rbind /run/netns "$r/run/netns"
mount --bind "$ws" "$r/run/ctg-bench"
mkdir "$r/.oldroot"
cd "$r"
pivot_root . .oldroot
cd /
umount -l /.oldroot
rmdir /.oldroot
echo $$ >/run/ctg-bench/world.ready
exec sleep 3600  # ends by itself should the harness die without killing it
