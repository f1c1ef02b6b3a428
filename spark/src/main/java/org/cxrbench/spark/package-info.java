/**
 * The Spark engine ({@code --engine spark}), a module of its own found by the core through
 * {@link org.cxrbench.pipeline.EngineProvider}: {@link org.cxrbench.spark.SparkEngine} runs nearest neighbours,
 * moments and encoding as Spark jobs with the local engine's numbers. The driver stages feature matrices in a store
 * every executor reaches ({@link org.cxrbench.spark.SetStore}, Hadoop FileSystem URIs: file://, hdfs://, s3a://, with
 * the {@code spark.hadoop.*} settings of the running Spark; each file published whole) and ships descriptors
 * ({@link org.cxrbench.spark.SetRef}); executors read rows by path ({@link org.cxrbench.spark.SetReader}) and return
 * small results (Kryo, {@link org.cxrbench.spark.KryoSetup}); {@link org.cxrbench.spark.MasterCheck} turns an
 * unusable master into one line. Imports the core's data, encode, linalg and pipeline packages, never the reverse.
 */
package org.cxrbench.spark;
