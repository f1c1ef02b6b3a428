package org.cxrbench.spark;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A NameNode and one DataNode on 127.0.0.1 in this JVM (Hadoop's MiniDFSCluster from the shaded
 * hadoop-client-minicluster), their data under {@code base}, every port chosen free; replication 1; the DataNode's
 * background scanners off and heartbeats every second, so it registers and the cluster is up sooner.
 */
final class LoopbackHdfs {
    private LoopbackHdfs() {}

    static MiniDFSCluster start(Path base) throws java.io.IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", 1);
        conf.setLong("dfs.heartbeat.interval", 1);
        conf.setInt("dfs.datanode.scan.period.hours", -1);
        conf.setInt("dfs.datanode.directoryscan.interval", -1);
        conf.setBoolean("dfs.namenode.acls.enabled", false);
        return new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    }
}
