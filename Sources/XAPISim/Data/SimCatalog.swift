/// The made-up but realistic vocabulary of generated pools: names, guest systems, CPUs, alerts.
enum SimCatalog {
    /// Pool names by index; past the list, `pool-07`, `pool-08`, …
    static func poolName(_ index: Int) -> String {
        let names = ["prod", "lab", "dev", "staging", "dr", "edge"]
        return index < names.count ? names[index] : "pool-" + String(index + 1).leftPadded(2)
    }

    struct Role {
        let prefix: String
        let description: String
        let tags: [String]
        let windows: Bool
    }

    static let roles: [Role] = [
        Role(prefix: "web", description: "Web server (nginx)", tags: ["frontend"], windows: false),
        Role(prefix: "db", description: "PostgreSQL database", tags: ["backend", "database"], windows: false),
        Role(prefix: "app", description: "Application server", tags: ["backend"], windows: false),
        Role(prefix: "api", description: "API gateway", tags: ["frontend"], windows: false),
        Role(prefix: "cache", description: "Redis cache", tags: ["backend"], windows: false),
        Role(prefix: "mq", description: "RabbitMQ broker", tags: ["backend"], windows: false),
        Role(prefix: "worker", description: "Batch worker", tags: ["batch"], windows: false),
        Role(prefix: "proxy", description: "Reverse proxy", tags: ["frontend"], windows: false),
        Role(prefix: "mail", description: "Mail relay (postfix)", tags: [], windows: false),
        Role(prefix: "ci", description: "CI runner", tags: ["ci"], windows: false),
        Role(prefix: "build", description: "Build agent", tags: ["ci"], windows: false),
        Role(prefix: "mon", description: "Monitoring (Prometheus, Grafana)", tags: ["ops"], windows: false),
        Role(prefix: "log", description: "Log collector", tags: ["ops"], windows: false),
        Role(prefix: "auth", description: "Identity provider (Keycloak)", tags: ["backend"], windows: false),
        Role(prefix: "git", description: "Git server", tags: ["ci"], windows: false),
        Role(prefix: "dns", description: "Internal DNS resolver", tags: ["infra"], windows: false),
        Role(prefix: "lb", description: "HAProxy load balancer", tags: ["frontend", "infra"], windows: false),
        Role(prefix: "search", description: "OpenSearch node", tags: ["backend"], windows: false),
        Role(prefix: "k8s", description: "Kubernetes worker node", tags: ["k8s"], windows: false),
        Role(prefix: "backup", description: "Backup proxy", tags: ["ops"], windows: false),
        Role(prefix: "vpn", description: "WireGuard gateway", tags: ["infra"], windows: false),
        Role(prefix: "files", description: "File server", tags: [], windows: true),
        Role(prefix: "ad", description: "Active Directory domain controller", tags: ["infra"], windows: true),
        Role(prefix: "rds", description: "Remote desktop session host", tags: [], windows: true),
        Role(prefix: "sql", description: "SQL Server", tags: ["database"], windows: true),
    ]

    struct GuestOS {
        let name: String
        let distro: String
        let major: String
        let minor: String
        let uname: String
        let windows: Bool
    }

    static let linuxGuests: [(GuestOS, Int)] = [
        (GuestOS(name: "Debian GNU/Linux 12 (bookworm)", distro: "debian", major: "12", minor: "7", uname: "6.1.0-25-amd64", windows: false), 30),
        (GuestOS(name: "Debian GNU/Linux 11 (bullseye)", distro: "debian", major: "11", minor: "11", uname: "5.10.0-32-amd64", windows: false), 10),
        (GuestOS(name: "Ubuntu 22.04.4 LTS", distro: "ubuntu", major: "22", minor: "04", uname: "5.15.0-105-generic", windows: false), 20),
        (GuestOS(name: "Ubuntu 24.04.1 LTS", distro: "ubuntu", major: "24", minor: "04", uname: "6.8.0-45-generic", windows: false), 15),
        (GuestOS(name: "Rocky Linux 9.4 (Blue Onyx)", distro: "rocky", major: "9", minor: "4", uname: "5.14.0-427.13.1.el9_4.x86_64", windows: false), 10),
        (GuestOS(name: "AlmaLinux 8.10 (Cerulean Leopard)", distro: "almalinux", major: "8", minor: "10", uname: "4.18.0-553.el8_10.x86_64", windows: false), 5),
        (GuestOS(name: "CentOS Linux 7 (Core)", distro: "centos", major: "7", minor: "9", uname: "3.10.0-1160.119.1.el7.x86_64", windows: false), 5),
        (GuestOS(name: "Alpine Linux v3.20", distro: "alpine", major: "3", minor: "20", uname: "6.6.49-0-virt", windows: false), 5),
    ]

    static let windowsGuests: [(GuestOS, Int)] = [
        (GuestOS(name: "Microsoft Windows Server 2022 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2", distro: "windows", major: "10", minor: "0", uname: "", windows: true), 50),
        (GuestOS(name: "Microsoft Windows Server 2019 Datacenter|C:\\Windows|\\Device\\Harddisk0\\Partition2", distro: "windows", major: "10", minor: "0", uname: "", windows: true), 35),
        (GuestOS(name: "Microsoft Windows Server 2016 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2", distro: "windows", major: "10", minor: "0", uname: "", windows: true), 15),
    ]

    /// Default templates every XCP-ng pool ships (a subset).
    static let defaultTemplates: [(name: String, windows: Bool)] = [
        ("Debian Bookworm 12", false), ("Debian Bullseye 11", false), ("Ubuntu Jammy Jellyfish 22.04", false),
        ("Ubuntu Noble Numbat 24.04", false), ("Rocky Linux 9", false), ("AlmaLinux 8", false),
        ("CentOS 7", false), ("Alpine Linux 3.20", false), ("Windows Server 2022 (64-bit)", true),
        ("Windows Server 2019 (64-bit)", true), ("Windows 10 (64-bit)", true), ("Other install media", false),
    ]

    static let isoImages: [(name: String, size: Int64)] = [
        ("debian-12.7.0-amd64-netinst.iso", 661_651_456), ("ubuntu-24.04.1-live-server-amd64.iso", 2_773_874_688),
        ("ubuntu-22.04.4-live-server-amd64.iso", 2_104_408_064), ("Rocky-9.4-x86_64-minimal.iso", 1_855_979_520),
        ("alpine-virt-3.20.3-x86_64.iso", 65_011_712), ("SERVER_EVAL_x64FRE_en-us.iso", 5_296_713_728),
        ("guest-tools.iso", 62_914_560),
    ]

    struct CPUModel {
        let vendor: String
        let modelname: String
        let speed: String
        let family: String
        let model: String
        let stepping: String
        let sockets: Int
        let threads: Int
        let features: String
        let flags: String
    }

    static let cpuModels: [CPUModel] = [
        CPUModel(vendor: "GenuineIntel", modelname: "Intel(R) Xeon(R) Gold 6342 CPU @ 2.80GHz", speed: "2800.012",
                 family: "6", model: "106", stepping: "6", sockets: 2, threads: 48,
                 features: "1fcbfbff-f7fa3223-2d93fbff-00000423-00000001-f3bfb7ef-00405f4e-00000000-711ef00f-00000010-00000000-18000030-00000000-00000000-00000000",
                 flags: intelFlags),
        CPUModel(vendor: "GenuineIntel", modelname: "Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz", speed: "2400.000",
                 family: "6", model: "85", stepping: "7", sockets: 2, threads: 24,
                 features: "1fcbfbff-f7fa3223-2d93fbff-00000423-00000001-d19ffffb-00000008-00000000-00001007-9c000400-00000000-00000000-00000000-00000000-00000000",
                 flags: intelFlags),
        CPUModel(vendor: "AuthenticAMD", modelname: "AMD EPYC 7443P 24-Core Processor", speed: "2850.000",
                 family: "25", model: "1", stepping: "1", sockets: 1, threads: 48,
                 features: "178bfbff-f6f83203-2fd3fbff-75c237ff-0000000f-219c95a9-0040068c-00000000-1000d005-00000000-00000000-00000000-00000000-00000000-00000000",
                 flags: amdFlags),
        CPUModel(vendor: "AuthenticAMD", modelname: "AMD EPYC 9354 32-Core Processor", speed: "3250.000",
                 family: "25", model: "17", stepping: "1", sockets: 2, threads: 64,
                 features: "178bfbff-fefa3203-2fd3fbff-75c237ff-0000000f-f1bf07a9-00405fce-00000000-1000d005-00000000-00000000-00000000-00000000-00000000-00000000",
                 flags: amdFlags),
    ]

    /// A host one generation older than `model`, from the same vendor: the other model's name
    /// and flags, and only the features both have (so it lacks some `model` has). Counts stay
    /// those of `model`, so that the generated data after the host does not shift.
    static func olderGeneration(of model: CPUModel) -> CPUModel {
        guard let other = cpuModels.first(where: { $0.vendor == model.vendor && $0.modelname != model.modelname }) else { return model }
        let features = zip(model.features.split(separator: "-"), other.features.split(separator: "-")).map { mine, theirs in
            let both = (UInt32(mine, radix: 16) ?? 0) & (UInt32(theirs, radix: 16) ?? 0)
            return String(both, radix: 16).leftPadded(8)
        }.joined(separator: "-")
        return CPUModel(vendor: model.vendor, modelname: other.modelname, speed: other.speed, family: other.family,
                        model: other.model, stepping: other.stepping, sockets: model.sockets, threads: model.threads,
                        features: features, flags: other.flags)
    }

    static let intelFlags = "fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush acpi mmx fxsr sse sse2 ht syscall nx rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid pni pclmulqdq monitor est ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault ssbd ibrs ibpb stibp fsgsbase bmi1 hle avx2 bmi2 erms rtm avx512f avx512dq rdseed adx avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 arch_capabilities"
    static let amdFlags = "fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid pni pclmulqdq monitor ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch ibpb fsgsbase bmi1 avx2 bmi2 erms rdseed adx clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 clzero"

    /// Memory sizes a host can have, smallest first (GiB).
    static let hostMemoryGiB: [Int64] = [128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144]

    static let softwareVersion: KeyValuePairs<String, String> = [
        "product_version": "8.2.1", "product_version_text": "8.2", "product_version_text_short": "8.2",
        "platform_name": "XCP", "platform_version": "3.2.1", "product_brand": "XCP-ng",
        "build_number": "release/yangtze/master/58", "date": "2023-10-17", "dbv": "0.0.1", "xapi": "1.20",
        "xen": "4.13.5-9.38", "linux": "4.19.0+1", "xencenter_min": "2.16", "xencenter_max": "2.16",
        "network_backend": "openvswitch", "db_schema": "5.602",
    ]
}
