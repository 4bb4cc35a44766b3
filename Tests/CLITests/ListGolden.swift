/// `xentui ls` and `ls --format table` of `xapi-sim --vms 12 --hosts 2 --seed 3`, checked by
/// eye against the simulator's data (the test also checks the tree against raw JSON-RPC).
enum ListGolden {
    static let tree = """
        prod
          xcp-prod-01
            db-01      Running
            git-01     Paused
            mq-01      Running
            search-01  Running
          xcp-prod-02
            app-01  Running
            app-03  Running
            lb-01   Running
            sql-01  Running
          (no host)
            app-02     Suspended
            auth-01    Halted
            proxy-01   Halted
            search-02  Halted

        """
    static let table = """
        NAME       POWER      POOL  HOST         VCPUS  MEMORY    OS                                      IP          UUID
        app-01     Running    prod  xcp-prod-02  4      8.0 GiB   Alpine Linux v3.20                      10.0.34.4   72385f01-cc68-4614-b769-524deb65af1c
        app-02     Suspended  prod               16     2.0 GiB   Rocky Linux 9.4 (Blue Onyx)             10.0.34.8   d5817d1d-2427-451a-ab9c-471f27ccca5a
        app-03     Running    prod  xcp-prod-02  1      8.0 GiB   Debian GNU/Linux 12 (bookworm)          10.0.34.10  574344d6-b78f-4c97-92ac-87d502f2a7cb
        auth-01    Halted     prod               4      1.0 GiB                                                       3ee746bf-0ef6-4cdb-99bc-0ef8ecee7b6c
        db-01      Running    prod  xcp-prod-01  4      8.0 GiB   Debian GNU/Linux 11 (bullseye)          10.0.34.3   e5b6938d-63b7-4248-aef3-9db107cbf443
        git-01     Paused     prod  xcp-prod-01  4      2.0 GiB   Debian GNU/Linux 12 (bookworm)          10.0.4.6    0958129b-c981-4950-a383-44e6600c0305
        lb-01      Running    prod  xcp-prod-02  1      16.0 GiB  Debian GNU/Linux 12 (bookworm)          10.0.24.7   9828a595-c6ec-46f7-9930-a4c624ae1753
        mq-01      Running    prod  xcp-prod-01  4      8.0 GiB   Debian GNU/Linux 11 (bullseye)          10.0.34.9   173041d7-4f9f-4273-8077-cec7918ec13a
        proxy-01   Halted     prod               16     2.0 GiB                                                       e78ee4c9-ff84-4c2a-9f4e-24ba0cf3f158
        search-01  Running    prod  xcp-prod-01  4      16.0 GiB  Alpine Linux v3.20                      10.0.34.11  679ee4f4-65eb-4621-bbe7-dd4ca2a703f0
        search-02  Halted     prod               2      2.0 GiB                                                       01b41826-2ed8-4e79-8a15-676c64420e97
        sql-01     Running    prod  xcp-prod-02  4      4.0 GiB   Microsoft Windows Server 2022 Standard  10.0.34.14  f409cafa-c009-4a83-be6a-f3024afe4957

        """
}
