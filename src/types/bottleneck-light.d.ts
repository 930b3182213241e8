// `bottleneck/light.js` (the build plugin-throttling itself loads, without Redis clustering) ships no typings.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
