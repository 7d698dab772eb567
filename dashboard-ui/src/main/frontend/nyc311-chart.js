// <nyc311-chart>: draws one ECharts option, given by the server as JSON in the "option" attribute.
// The server builds the whole option (series, band, markers); this element only renders it, so the
// chart's content is decided and tested in Java, and the browser never talks to the services.
import * as echarts from 'echarts';

class Nyc311Chart extends HTMLElement {
  static get observedAttributes() {
    return ['option'];
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    if (!this.chart) {
      this.chart = echarts.init(this, null, { renderer: 'canvas' });
      this.resizeObserver = new ResizeObserver(() => this.chart && this.chart.resize());
      this.resizeObserver.observe(this);
    }
    this.render();
  }

  disconnectedCallback() {
    if (this.resizeObserver) {
      this.resizeObserver.disconnect();
    }
    if (this.chart) {
      this.chart.dispose();
      this.chart = undefined;
    }
  }

  attributeChangedCallback() {
    this.render();
  }

  render() {
    const json = this.getAttribute('option');
    if (!this.chart || !json) {
      return;
    }
    // notMerge: a new series replaces the old one entirely
    this.chart.setOption(JSON.parse(json), true);
  }
}

customElements.define('nyc311-chart', Nyc311Chart);
