#!/bin/sh
# Renders the workspace app's icons (our own artwork: 热线 / 工作台 in white on the site's red) with Chromium and the
# Noto CJK fonts, into src/Bozhou.Hotline.Web/wwwroot/workspace/icons/. Only to redraw them: the build uses the PNGs.
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/src/Bozhou.Hotline.Web/wwwroot/workspace/icons"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
page() { # $1: any|maskable, $2: zoom
  cat > "$tmp/$1-$2.html" <<HTML
<!DOCTYPE html><html><head><style>
html,body{margin:0;padding:0;background:transparent}
body{zoom:$2}
.i{width:512px;height:512px;display:flex;align-items:center;justify-content:center;flex-direction:column;background:#b3261e;color:#fff;font-family:"Noto Sans CJK SC";font-weight:700}
.any{border-radius:96px}
.t{font-size:190px;line-height:1;letter-spacing:-4px}
.s{font-size:64px;line-height:1;margin-top:26px;letter-spacing:8px}
.maskable .t{font-size:150px}.maskable .s{font-size:50px;margin-top:20px}
</style></head><body><div class="i $1"><div class="t">热线</div><div class="s">工作台</div></div></body></html>
HTML
}
shot() { # $1: any|maskable, $2: size, $3: file
  page "$1" "$(echo "scale=4; $2/512" | bc)"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$out/$3" "file://$tmp/$1-$(echo "scale=4; $2/512" | bc).html"
}
shot any 512 icon-512.png
shot any 192 icon-192.png
shot maskable 512 maskable-512.png
shot maskable 192 maskable-192.png
