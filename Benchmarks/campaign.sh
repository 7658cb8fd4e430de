# What the benchmark scripts share, sourced by them (from the repository's root):
#
#   source Benchmarks/campaign.sh PRODUCT...
#
# builds PRODUCT... in release and sets `bin` to their folder; makes a scratch folder `folder`,
# removed on exit with the daemon `daemon` if one was started; and defines
#   launch_campaign DATABASE   the six people and plan P1 for XX村 under the shipped workflow,
#                              launched with the clock at 2026-03-02 09:00
#   daemon_configuration       writes $folder/zhengdun.yaml: the database, socket and maildir in
#                              $folder, the repository's workflows
for product in "$@"; do swift build -c release --product "$product" >/dev/null; done
bin=$PWD/.build/release
folder=$(mktemp -d)
daemon=
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$folder"' EXIT

launch_campaign() {
    local assign=() person
    for person in li-si:secretary wang-wu:resident_cadre qian-qi:org_office zhao-liu:office_director sun-ba:group_leader zhou-jiu:work_team; do
        ZHENGDUN_DB=$1 "$bin/zhengdun" person add "${person%%:*}" --name "${person%%:*}" --email "${person%%:*}@town.example.cn" >/dev/null
        assign+=(--assign "${person##*:}=${person%%:*}")
    done
    ZHENGDUN_DB=$1 ZHENGDUN_NOW="2026-03-02 09:00" "$bin/zhengdun" plan create --workflow workflows/village-branch-rectification.yaml \
        --village XX村 --start 2026-03-02 --households 320 --population 1150 --party-members 31 --income 8600 --income-year 2025 \
        "${assign[@]}" >/dev/null
    ZHENGDUN_DB=$1 ZHENGDUN_NOW="2026-03-02 09:00" "$bin/zhengdun" plan advance P1 --as qian-qi >/dev/null
}

daemon_configuration() {
    cat > "$folder/zhengdun.yaml" <<YAML
database: $folder/zhengdun.db
socket: $folder/zhengdun.sock
workflows: $PWD/workflows
mail: {from: "镇组织办 <zzb@town.example.cn>", transport: maildir, maildir: $folder/maildir}
YAML
}
