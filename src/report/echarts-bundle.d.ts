// ECharts' one-file ESM build has the package's API but no declarations of its own.
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
