import Foundation
import Metrics
import Prometheus

/// The process's Prometheus registry, behind swift-metrics (bootstrapped once per process).
public enum MetricsSetup {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
