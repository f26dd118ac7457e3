import * as echarts from 'echarts/dist/echarts.esm.min.mjs';
const spec = { animation:false, xAxis:{type:'category', data:Array.from({length:30},(_, i)=>'b'+i)}, yAxis:{type:'value'}, legend:{}, series:[{type:'bar', name:'reference', data:Array.from({length:30},(_, i)=>Math.sin(i)+1)},{type:'bar', name:'current', data:Array.from({length:30},(_, i)=>Math.cos(i)+1)}] };
const times=[];
for (let k=0;k<50;k++){ const t=performance.now(); const c=echarts.init(null,null,{renderer:'svg',ssr:true,width:640,height:260}); const t1=performance.now(); c.setOption(spec); const t2=performance.now(); const s=c.renderToSVGString(); const t3=performance.now(); c.dispose(); times.push([(t1-t).toFixed(1),(t2-t1).toFixed(1),(t3-t2).toFixed(1)].join('/')); }
console.log(times.slice(0,5).join(' '), '...', times.slice(-5).join(' '));
// reuse one instance
const c=echarts.init(null,null,{renderer:'svg',ssr:true,width:640,height:260}); const t=performance.now();
for (let k=0;k<50;k++){ c.setOption(spec,{notMerge:true}); c.renderToSVGString(); }
console.log('reuse 50:', (performance.now()-t).toFixed(0),'ms');
