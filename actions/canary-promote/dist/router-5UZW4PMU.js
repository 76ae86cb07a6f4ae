import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  durationToMs,
  systemClock
} from "./chunk-Y4K5Z4I5.js";
import "./chunk-36V3ZCV5.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-LUQ2JWWH.js";
import {
  UserError
} from "./chunk-33QV4WLU.js";
import {
  client_exports as client_exports2,
  dist_es_exports,
  httpAuthSchemes_exports,
  init_client as init_client2,
  init_dist_es,
  init_httpAuthSchemes,
  init_protocols,
  init_protocols2,
  init_retry,
  protocols_exports,
  protocols_exports2,
  require_dist_cjs,
  require_dist_cjs3 as require_dist_cjs2,
  retry_exports
} from "./chunk-A3ZJGLZN.js";
import {
  checksum_exports,
  client_exports,
  config_exports,
  endpoints_exports,
  init_checksum,
  init_client,
  init_config,
  init_endpoints,
  init_schema,
  init_serde,
  schema_exports,
  serde_exports
} from "./chunk-FALF6MIS.js";
import {
  __commonJS,
  __toCommonJS,
  __toESM
} from "./chunk-I2UBCO3D.js";

// node_modules/@aws-sdk/client-sagemaker/dist-cjs/index.js
var require_dist_cjs3 = __commonJS({
  "node_modules/@aws-sdk/client-sagemaker/dist-cjs/index.js"(exports) {
    var { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = (init_client2(), __toCommonJS(client_exports2));
    var { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = (init_dist_es(), __toCommonJS(dist_es_exports));
    var { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createWaiter, checkExceptions, WaiterState, createAggregatedClient } = (init_client(), __toCommonJS(client_exports));
    var { Command: $Command } = (init_client(), __toCommonJS(client_exports));
    exports.$Command = $Command;
    exports.__Client = Client;
    var { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = (init_config(), __toCommonJS(config_exports));
    var { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = (init_endpoints(), __toCommonJS(endpoints_exports));
    var { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = (init_protocols(), __toCommonJS(protocols_exports));
    var { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = (init_retry(), __toCommonJS(retry_exports));
    var { TypeRegistry, getSchemaSerdePlugin } = (init_schema(), __toCommonJS(schema_exports));
    var { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = (init_httpAuthSchemes(), __toCommonJS(httpAuthSchemes_exports));
    var { defaultProvider } = require_dist_cjs2();
    var { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = (init_serde(), __toCommonJS(serde_exports));
    var { streamCollector, NodeHttpHandler } = require_dist_cjs();
    var { AwsJson1_1Protocol } = (init_protocols2(), __toCommonJS(protocols_exports2));
    var { Sha256 } = (init_checksum(), __toCommonJS(checksum_exports));
    var defaultSageMakerHttpAuthSchemeParametersProvider = async (config, context, input) => {
      return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
          throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })()
      };
    };
    function createAwsAuthSigv4HttpAuthOption(authParameters) {
      return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
          name: "sagemaker",
          region: authParameters.region
        },
        propertiesExtractor: (config, context) => ({
          signingProperties: {
            config,
            context
          }
        })
      };
    }
    var defaultSageMakerHttpAuthSchemeProvider = (authParameters) => {
      const options = [];
      switch (authParameters.operation) {
        default: {
          options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
      }
      return options;
    };
    var resolveHttpAuthSchemeConfig = (config) => {
      const config_0 = resolveAwsSdkSigV4Config(config);
      return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
      });
    };
    var resolveClientEndpointParameters = (options) => {
      return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "sagemaker"
      });
    };
    var commonParams = {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" },
      UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
    };
    var version = "3.1141.0";
    var packageInfo = {
      version
    };
    var m = "ref";
    var a = -1;
    var b = true;
    var c = "isSet";
    var d = "PartitionResult";
    var e = "booleanEquals";
    var f = "getAttr";
    var g = "stringEquals";
    var h = { [m]: "Endpoint" };
    var i = { [m]: d };
    var j = { "fn": f, "argv": [i, "name"] };
    var k = {};
    var l = [{ [m]: "Region" }];
    var _data = {
      conditions: [
        [c, [h]],
        [c, l],
        ["aws.partition", l, d],
        [e, [{ [m]: "UseFIPS" }, b]],
        [e, [{ [m]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [i, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [i, "supportsFIPS"] }, b]],
        [g, [j, "aws"]],
        [g, [j, "aws-us-gov"]]
      ],
      results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [h, k],
        ["https://api.sagemaker-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://api-fips.sagemaker.{Region}.amazonaws.com", k],
        ["https://api.sagemaker-fips.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://api.sagemaker.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://api.sagemaker.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "Invalid Configuration: Missing Region"]
      ]
    };
    var root = 2;
    var r = 1e8;
    var nodes = new Int32Array([
      -1,
      1,
      -1,
      0,
      14,
      3,
      1,
      4,
      r + 12,
      2,
      5,
      r + 12,
      3,
      8,
      6,
      4,
      7,
      r + 11,
      5,
      r + 9,
      r + 10,
      4,
      12,
      9,
      6,
      10,
      r + 8,
      7,
      r + 6,
      11,
      8,
      r + 6,
      r + 7,
      5,
      13,
      r + 5,
      6,
      r + 4,
      r + 5,
      3,
      r + 1,
      15,
      4,
      r + 2,
      r + 3
    ]);
    var bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);
    var cache = new EndpointCache({
      size: 50,
      params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
    });
    var defaultEndpointResolver = (endpointParams, context = {}) => {
      return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams,
        logger: context.logger
      }));
    };
    customEndpointFunctions.aws = awsEndpointFunctions;
    var SageMakerServiceException = class _SageMakerServiceException extends ServiceException {
      constructor(options) {
        super(options);
        Object.setPrototypeOf(this, _SageMakerServiceException.prototype);
      }
    };
    var ResourceLimitExceeded = class _ResourceLimitExceeded extends SageMakerServiceException {
      name = "ResourceLimitExceeded";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ResourceLimitExceeded",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ResourceLimitExceeded.prototype);
        this.Message = opts.Message;
      }
    };
    var ResourceNotFound = class _ResourceNotFound extends SageMakerServiceException {
      name = "ResourceNotFound";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ResourceNotFound",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ResourceNotFound.prototype);
        this.Message = opts.Message;
      }
    };
    var ConflictException = class _ConflictException extends SageMakerServiceException {
      name = "ConflictException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ConflictException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ConflictException.prototype);
        this.Message = opts.Message;
      }
    };
    var ResourceInUse = class _ResourceInUse extends SageMakerServiceException {
      name = "ResourceInUse";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ResourceInUse",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ResourceInUse.prototype);
        this.Message = opts.Message;
      }
    };
    var _A = "Alarm";
    var _AA = "ActionArn";
    var _AAR = "AddAssociationRequest";
    var _AARd = "AddAssociationResponse";
    var _AAc = "ActionArns";
    var _AAd = "AddAssociation";
    var _AAl = "AlgorithmArn";
    var _AAp = "AppArn";
    var _AApp = "ApplicationArn";
    var _AAr = "ArtifactArn";
    var _AArt = "ArtifactArns";
    var _ABL = "AbsoluteBorrowLimits";
    var _ABLRL = "AbsoluteBorrowLimitResourceList";
    var _ABRA = "AmazonBedrockRoleArn";
    var _AC = "AgentCount";
    var _ACC = "AnnotationConsolidationConfig";
    var _ACLA = "AnnotationConsolidationLambdaArn";
    var _ACNNI = "AttachClusterNodeNetworkInterface";
    var _ACNNIR = "AttachClusterNodeNetworkInterfaceRequest";
    var _ACNNIRt = "AttachClusterNodeNetworkInterfaceResponse";
    var _ACNS = "AddClusterNodeSpecification";
    var _ACNSL = "AddClusterNodeSpecificationList";
    var _ACNV = "AttachClusterNodeVolume";
    var _ACNVR = "AttachClusterNodeVolumeRequest";
    var _ACNVRt = "AttachClusterNodeVolumeResponse";
    var _ACR = "AdditionalCodeRepositories";
    var _ACRE = "AdditionalCodeRepositoryEquals";
    var _ACc = "AccessConfig";
    var _ACl = "AlgorithmsConfig";
    var _ACp = "ApplicationConfig";
    var _ACt = "AttemptCount";
    var _AD = "AdapterDetails";
    var _ADC = "ActiveDeviceCount";
    var _ADD = "AthenaDatasetDefinition";
    var _ADS = "AccountDefaultStatus";
    var _ADl = "AlarmDetails";
    var _ADlg = "AlgorithmDescription";
    var _ADp = "AppDetails";
    var _ADpp = "ApprovalDescription";
    var _ADr = "ArtifactDigest";
    var _AE = "AdditionalEnis";
    var _AEc = "AcceptEula";
    var _AEu = "AuthorizationEndpoint";
    var _AFRA = "AmazonForecastRoleArn";
    var _AGEN = "AutoGenerateEndpointName";
    var _AGP = "AssignedGroupPatterns";
    var _AI = "AdapterId";
    var _AIAMPE = "AIAdapterModelPackageEntry";
    var _AIAMPEL = "AIAdapterModelPackageEntryList";
    var _AIAS = "AIAdapterSource";
    var _AIASE = "AIAdapterS3Entry";
    var _AIASEL = "AIAdapterS3EntryList";
    var _AIBE = "AIBenchmarkEndpoint";
    var _AIBIC = "AIBenchmarkInferenceComponent";
    var _AIBICL = "AIBenchmarkInferenceComponentList";
    var _AIBJ = "AIBenchmarkJobs";
    var _AIBJA = "AIBenchmarkJobArn";
    var _AIBJN = "AIBenchmarkJobName";
    var _AIBJS = "AIBenchmarkJobSummary";
    var _AIBJSL = "AIBenchmarkJobSummaryList";
    var _AIBJSe = "AIBenchmarkJobStatus";
    var _AIBNC = "AIBenchmarkNetworkConfig";
    var _AIBOC = "AIBenchmarkOutputConfig";
    var _AIBOR = "AIBenchmarkOutputResult";
    var _AIBT = "AIBenchmarkTarget";
    var _AIC = "AsyncInferenceConfig";
    var _AICA = "AppImageConfigArn";
    var _AICC = "AsyncInferenceClientConfig";
    var _AICD = "AppImageConfigDetails";
    var _AICL = "AppImageConfigList";
    var _AICN = "AppImageConfigName";
    var _AICRC = "AICapacityReservationConfig";
    var _AICWL = "AICloudWatchLogs";
    var _AICWLL = "AICloudWatchLogsList";
    var _AICp = "AppImageConfigs";
    var _AICv = "AvailableInstanceCount";
    var _AIDC = "AIDatasetConfig";
    var _AIL = "AssociationInfoList";
    var _AIMC = "AIMlflowConfig";
    var _AIMS = "AIModelSource";
    var _AIMSS = "AIModelSourceS3";
    var _AINC = "AsyncInferenceNotificationConfig";
    var _AIOC = "AsyncInferenceOutputConfig";
    var _AIR = "AIRecommendation";
    var _AIRAD = "AIRecommendationAdapterDetails";
    var _AIRC = "AIRecommendationConstraint";
    var _AIRCL = "AIRecommendationConstraintList";
    var _AIRCS = "AIRecommendationComputeSpec";
    var _AIRDC = "AIRecommendationDeploymentConfiguration";
    var _AIRDSC = "AIRecommendationDeploymentS3Channel";
    var _AIRDSCL = "AIRecommendationDeploymentS3ChannelList";
    var _AIRID = "AIRecommendationInstanceDetail";
    var _AIRIDL = "AIRecommendationInstanceDetailList";
    var _AIRIS = "AIRecommendationInferenceSpecification";
    var _AIRJ = "AIRecommendationJobs";
    var _AIRJA = "AIRecommendationJobArn";
    var _AIRJN = "AIRecommendationJobName";
    var _AIRJS = "AIRecommendationJobSummary";
    var _AIRJSL = "AIRecommendationJobSummaryList";
    var _AIRJSe = "AIRecommendationJobStatus";
    var _AIRL = "AIRecommendationList";
    var _AIRMD = "AIRecommendationModelDetails";
    var _AIROC = "AIRecommendationOutputConfig";
    var _AIROD = "AIRecommendationOptimizationDetail";
    var _AIRODL = "AIRecommendationOptimizationDetailList";
    var _AIROR = "AIRecommendationOutputResult";
    var _AIRPM = "AIRecommendationPerformanceMetric";
    var _AIRPT = "AIRecommendationPerformanceTarget";
    var _AIS = "AdditionalInferenceSpecifications";
    var _AISD = "AdditionalInferenceSpecificationDefinition";
    var _AISTA = "AdditionalInferenceSpecificationsToAdd";
    var _AIU = "AmountInUsd";
    var _AIWC = "AIWorkloadConfigs";
    var _AIWCA = "AIWorkloadConfigArn";
    var _AIWCI = "AIWorkloadConfigIdentifier";
    var _AIWCN = "AIWorkloadConfigName";
    var _AIWCS = "AIWorkloadConfigSummary";
    var _AIWCSL = "AIWorkloadConfigSummaryList";
    var _AIWDS = "AIWorkloadDataSource";
    var _AIWIDC = "AIWorkloadInputDataConfig";
    var _AIWIDCL = "AIWorkloadInputDataConfigList";
    var _AIWSDS = "AIWorkloadS3DataSource";
    var _AIs = "AssociationInfo";
    var _AIt = "AttachmentId";
    var _AL = "AlarmList";
    var _ALM = "AppLifecycleManagement";
    var _ALp = "AppList";
    var _AM = "AuthMode";
    var _AMDS = "AdditionalModelDataSource";
    var _AMDSd = "AdditionalModelDataSources";
    var _AMHEFS = "AutoMountHomeEFS";
    var _AMHLRS = "AwsManagedHumanLoopRequestSource";
    var _AMLA = "AutoMLAlgorithms";
    var _AMLAC = "AutoMLAlgorithmConfig";
    var _AMLACu = "AutoMLAlgorithmsConfig";
    var _AMLC = "AutoMLCandidate";
    var _AMLCC = "AutoMLComputeConfig";
    var _AMLCD = "AutoMLContainerDefinition";
    var _AMLCDu = "AutoMLContainerDefinitions";
    var _AMLCGC = "AutoMLCandidateGenerationConfig";
    var _AMLCS = "AutoMLCandidateStep";
    var _AMLCu = "AutoMLChannel";
    var _AMLCut = "AutoMLCandidates";
    var _AMLDS = "AutoMLDataSource";
    var _AMLDSC = "AutoMLDataSplitConfig";
    var _AMLICD = "AutoMLInferenceContainerDefinitions";
    var _AMLIDC = "AutoMLInputDataConfig";
    var _AMLJ = "AutoMLJob";
    var _AMLJA = "AutoMLJobArtifacts";
    var _AMLJAu = "AutoMLJobArn";
    var _AMLJC = "AutoMLJobChannel";
    var _AMLJCC = "AutoMLJobCompletionCriteria";
    var _AMLJCu = "AutoMLJobConfig";
    var _AMLJIDC = "AutoMLJobInputDataConfig";
    var _AMLJN = "AutoMLJobName";
    var _AMLJO = "AutoMLJobObjective";
    var _AMLJS = "AutoMLJobSummary";
    var _AMLJSM = "AutoMLJobStepMetadata";
    var _AMLJSS = "AutoMLJobSecondaryStatus";
    var _AMLJSu = "AutoMLJobStatus";
    var _AMLJSut = "AutoMLJobSummaries";
    var _AMLODC = "AutoMLOutputDataConfig";
    var _AMLPFR = "AutoMLPartialFailureReason";
    var _AMLPFRu = "AutoMLPartialFailureReasons";
    var _AMLPTC = "AutoMLProblemTypeConfig";
    var _AMLPTCN = "AutoMLProblemTypeConfigName";
    var _AMLPTRA = "AutoMLProblemTypeResolvedAttributes";
    var _AMLRA = "AutoMLResolvedAttributes";
    var _AMLSC = "AutoMLSecurityConfig";
    var _AMLSDS = "AutoMLS3DataSource";
    var _AMR = "AutomaticModelRegistration";
    var _AMp = "AppManaged";
    var _AN = "ActionName";
    var _ANAT = "AppNetworkAccessType";
    var _ANl = "AlarmName";
    var _ANlg = "AlgorithmName";
    var _ANp = "AppName";
    var _ANr = "ArtifactName";
    var _ANt = "AttributeNames";
    var _AO = "ActiveOperations";
    var _AOm = "AmiOverride";
    var _AP = "AutoParameter";
    var _APC = "AcceleratorPartitionConfig";
    var _APCu = "AutoPatchConfig";
    var _APc = "AcceleratorPartition";
    var _APu = "AutoParameters";
    var _AQS = "AmazonQSettings";
    var _ARA = "AssumableRoleArns";
    var _ARAu = "AutoRollbackAlarms";
    var _ARC = "AutoRollbackConfig";
    var _ARCu = "AutoRollbackConfiguration";
    var _AREP = "AuthenticationRequestExtraParams";
    var _AS = "ActionSource";
    var _ASD = "AlgorithmStatusDetails";
    var _ASDS = "AdditionalS3DataSource";
    var _ASGM = "AppSecurityGroupManagement";
    var _ASI = "AlgorithmStatusItem";
    var _ASIC = "AvailableSpareInstanceCount";
    var _ASIL = "AlgorithmStatusItemList";
    var _ASL = "AlgorithmSummaryList";
    var _AST = "ArtifactSourceType";
    var _ASTr = "ArtifactSourceTypes";
    var _ASTu = "AutoScalerType";
    var _ASU = "ArtifactStoreUri";
    var _ASUC = "ActiveSoftwareUpdateConfig";
    var _ASc = "ActionSummary";
    var _AScc = "AccessStatus";
    var _ASct = "ActivationState";
    var _AScti = "ActionSummaries";
    var _ASd = "AdapterSource";
    var _ASl = "AlgorithmSpecification";
    var _ASle = "AlertStatus";
    var _ASlg = "AlgorithmSummary";
    var _ASlgo = "AlgorithmStatus";
    var _ASll = "AllocationStrategy";
    var _ASp = "AppSpecification";
    var _ASr = "ArtifactSource";
    var _ASrt = "ArtifactSummary";
    var _ASrti = "ArtifactSummaries";
    var _ASs = "AssociationSummary";
    var _ASss = "AssociationSummaries";
    var _ASu = "AutoScaling";
    var _AT = "ActionType";
    var _ATA = "AliasesToAdd";
    var _ATC = "AssociateTrialComponent";
    var _ATCR = "AssociateTrialComponentRequest";
    var _ATCRs = "AssociateTrialComponentResponse";
    var _ATD = "AliasesToDelete";
    var _ATE = "AppTypeEquals";
    var _ATI = "AddTagsInput";
    var _ATO = "AddTagsOutput";
    var _ATc = "AcceleratorTypes";
    var _ATcc = "AcceleratorType";
    var _ATd = "AddTags";
    var _ATp = "AppType";
    var _ATr = "ArtifactType";
    var _ATs = "AssociationType";
    var _ATt = "AttachTime";
    var _ATu = "AuthType";
    var _AU = "AuthorizedUrl";
    var _AUC = "AuthorizedUrlConfigs";
    var _AUd = "AdminUsers";
    var _AUr = "ArtifactUrl";
    var _AUv = "AvailableUpgrade";
    var _AV = "AgentVersion";
    var _AVP = "AlgorithmValidationProfile";
    var _AVPl = "AlgorithmValidationProfiles";
    var _AVS = "AlgorithmValidationSpecification";
    var _AVg = "AgentVersions";
    var _AVp = "AppVersion";
    var _AW = "AssembleWith";
    var _AZ = "AvailabilityZones";
    var _AZB = "AvailabilityZoneBalance";
    var _AZI = "AvailabilityZoneId";
    var _AZv = "AvailabilityZone";
    var _Ac = "Accelerators";
    var _Acc = "Accelerator";
    var _Acce = "Accept";
    var _Act = "Actions";
    var _Ag = "Aggregation";
    var _Al = "Alarms";
    var _Ali = "Aliases";
    var _Alia = "Alias";
    var _Ap = "Apps";
    var _Ar = "Arn";
    var _Arc = "Arch";
    var _Arg = "Arguments";
    var _Art = "Artifact";
    var _As = "Associations";
    var _Au = "Autotune";
    var _Av = "Avg";
    var _B = "Bias";
    var _BACN = "BatchAddClusterNodes";
    var _BACNE = "BatchAddClusterNodesError";
    var _BACNEL = "BatchAddClusterNodesErrorList";
    var _BACNR = "BatchAddClusterNodesRequest";
    var _BACNRa = "BatchAddClusterNodesResponse";
    var _BC = "BestCandidate";
    var _BCM = "BedrockCustomModel";
    var _BCMD = "BedrockCustomModelDeployment";
    var _BCMDM = "BedrockCustomModelDeploymentMetadata";
    var _BCMM = "BedrockCustomModelMetadata";
    var _BCa = "BaselineConfig";
    var _BDCC = "BatchDataCaptureConfig";
    var _BDCN = "BatchDeleteClusterNodes";
    var _BDCNE = "BatchDeleteClusterNodesError";
    var _BDCNEL = "BatchDeleteClusterNodesErrorList";
    var _BDCNLIE = "BatchDeleteClusterNodeLogicalIdsError";
    var _BDCNLIEL = "BatchDeleteClusterNodeLogicalIdsErrorList";
    var _BDCNR = "BatchDeleteClusterNodesRequest";
    var _BDCNRa = "BatchDeleteClusterNodesResponse";
    var _BDMP = "BatchDescribeModelPackage";
    var _BDMPE = "BatchDescribeModelPackageError";
    var _BDMPEM = "BatchDescribeModelPackageErrorMap";
    var _BDMPI = "BatchDescribeModelPackageInput";
    var _BDMPO = "BatchDescribeModelPackageOutput";
    var _BDMPS = "BatchDescribeModelPackageSummary";
    var _BGUP = "BlueGreenUpdatePolicy";
    var _BI = "BaseImage";
    var _BICN = "BaseInferenceComponentName";
    var _BILCA = "BuiltInLifecycleConfigArn";
    var _BJN = "BaseliningJobName";
    var _BL = "BorrowLimit";
    var _BM = "BaseModel";
    var _BMA = "BaseModelArn";
    var _BMI = "BedrockModelImport";
    var _BMIM = "BedrockModelImportMetadata";
    var _BMN = "BaseModelName";
    var _BONI = "BestObjectiveNotImproving";
    var _BPMT = "BedrockProvisionedModelThroughput";
    var _BPMTM = "BedrockProvisionedModelThroughputMetadata";
    var _BR = "BacktestResults";
    var _BRCN = "BatchRebootClusterNodes";
    var _BRCNE = "BatchRebootClusterNodesError";
    var _BRCNEa = "BatchReplaceClusterNodesError";
    var _BRCNEat = "BatchRebootClusterNodesErrors";
    var _BRCNEatc = "BatchReplaceClusterNodesErrors";
    var _BRCNLIE = "BatchRebootClusterNodeLogicalIdsError";
    var _BRCNLIEa = "BatchReplaceClusterNodeLogicalIdsError";
    var _BRCNLIEat = "BatchRebootClusterNodeLogicalIdsErrors";
    var _BRCNLIEatc = "BatchReplaceClusterNodeLogicalIdsErrors";
    var _BRCNR = "BatchRebootClusterNodesRequest";
    var _BRCNRa = "BatchRebootClusterNodesResponse";
    var _BRCNRat = "BatchReplaceClusterNodesRequest";
    var _BRCNRatc = "BatchReplaceClusterNodesResponse";
    var _BRCNa = "BatchReplaceClusterNodes";
    var _BRl = "BlockedReason";
    var _BS = "BatchStrategy";
    var _BT = "BenchmarkTarget";
    var _BTC = "BillableTokenCount";
    var _BTI = "BatchTransformInput";
    var _BTIS = "BillableTimeInSeconds";
    var _BTJ = "BestTrainingJob";
    var _BU = "BaseUrl";
    var _BUFDCC = "BaselineUsedForDriftCheckConstraints";
    var _BUFDCS = "BaselineUsedForDriftCheckStatistics";
    var _Br = "Branch";
    var _Bu = "Bucket";
    var _C = "Count";
    var _CA = "ContainerArguments";
    var _CAFO = "CrossAccountFilterOption";
    var _CAI = "CreateAlgorithmInput";
    var _CAIBJ = "CreateAIBenchmarkJob";
    var _CAIBJR = "CreateAIBenchmarkJobRequest";
    var _CAIBJRr = "CreateAIBenchmarkJobResponse";
    var _CAIC = "CreateAppImageConfig";
    var _CAICR = "CreateAppImageConfigRequest";
    var _CAICRr = "CreateAppImageConfigResponse";
    var _CAIRJ = "CreateAIRecommendationJob";
    var _CAIRJR = "CreateAIRecommendationJobRequest";
    var _CAIRJRr = "CreateAIRecommendationJobResponse";
    var _CAIWC = "CreateAIWorkloadConfig";
    var _CAIWCR = "CreateAIWorkloadConfigRequest";
    var _CAIWCRr = "CreateAIWorkloadConfigResponse";
    var _CAL = "CandidateArtifactLocations";
    var _CAMLJ = "CreateAutoMLJob";
    var _CAMLJR = "CreateAutoMLJobRequest";
    var _CAMLJRr = "CreateAutoMLJobResponse";
    var _CAMLJV = "CreateAutoMLJobV2";
    var _CAMLJVR = "CreateAutoMLJobV2Request";
    var _CAMLJVRr = "CreateAutoMLJobV2Response";
    var _CAMRRA = "CrossAccountModelRegisterRoleArn";
    var _CAO = "CreateAlgorithmOutput";
    var _CAPC = "ClusterAutoPatchConfig";
    var _CAPCD = "ClusterAutoPatchConfigDetails";
    var _CAR = "CreateActionRequest";
    var _CARr = "CreateActionResponse";
    var _CARre = "CreateAppRequest";
    var _CARrea = "CreateAppResponse";
    var _CARreat = "CreateArtifactRequest";
    var _CARreate = "CreateArtifactResponse";
    var _CAS = "CanvasAppSettings";
    var _CASC = "ClusterAutoScalingConfig";
    var _CASCO = "ClusterAutoScalingConfigOutput";
    var _CAl = "ClusterArn";
    var _CAo = "ContextArn";
    var _CAon = "ContextArns";
    var _CAr = "CreatedAt";
    var _CAre = "CreatedAfter";
    var _CArea = "CreateAction";
    var _CAreat = "CreateAlgorithm";
    var _CAreate = "CreateApp";
    var _CAreater = "CreateArtifact";
    var _CB = "CreatedBy";
    var _CBC = "CalculatedBaselineConstraints";
    var _CBS = "CalculatedBaselineStatistics";
    var _CBr = "CreatedBefore";
    var _CC = "ClientConfig";
    var _CCC = "CurrentCopyCount";
    var _CCJ = "CreateCompilationJob";
    var _CCJR = "CreateCompilationJobRequest";
    var _CCJRr = "CreateCompilationJobResponse";
    var _CCPI = "CopyCountPerInstance";
    var _CCQ = "CreateComputeQuota";
    var _CCQR = "CreateComputeQuotaRequest";
    var _CCQRr = "CreateComputeQuotaResponse";
    var _CCR = "ClusterCapacityRequirements";
    var _CCRI = "CreateCodeRepositoryInput";
    var _CCRO = "CreateCodeRepositoryOutput";
    var _CCRr = "CreateClusterRequest";
    var _CCRre = "CreateClusterResponse";
    var _CCRrea = "CreateContextRequest";
    var _CCRreat = "CreateContextResponse";
    var _CCRreate = "CreateCodeRepository";
    var _CCSC = "CreateClusterSchedulerConfig";
    var _CCSCR = "CreateClusterSchedulerConfigRequest";
    var _CCSCRr = "CreateClusterSchedulerConfigResponse";
    var _CCSM = "ClarifyCheckStepMetadata";
    var _CCT = "CsvContentTypes";
    var _CCTH = "CaptureContentTypeHeader";
    var _CCTP = "CfnCreateTemplateProvider";
    var _CCh = "CheckpointConfig";
    var _CCl = "ClusterConfig";
    var _CCla = "ClarifyCheck";
    var _CCo = "CompletionCriteria";
    var _CCog = "CognitoConfig";
    var _CCol = "CollectionConfiguration";
    var _CColl = "CollectionConfigurations";
    var _CColle = "CollectionConfig";
    var _CCon = "ContainerConfig";
    var _CCont = "ContentClassifiers";
    var _CConte = "ContentColumn";
    var _CCop = "CopyCount";
    var _CCou = "CountryCode";
    var _CCr = "CreateCluster";
    var _CCre = "CreateContext";
    var _CCu = "CurrentCount";
    var _CCur = "CurrencyCode";
    var _CD = "ContainerDefinition";
    var _CDC = "ConnectedDeviceCount";
    var _CDCo = "CoreDumpConfig";
    var _CDF = "CreateDeviceFleet";
    var _CDFR = "CreateDeviceFleetRequest";
    var _CDL = "ContainerDefinitionList";
    var _CDNL = "CandidateDefinitionNotebookLocation";
    var _CDQJD = "CreateDataQualityJobDefinition";
    var _CDQJDR = "CreateDataQualityJobDefinitionRequest";
    var _CDQJDRr = "CreateDataQualityJobDefinitionResponse";
    var _CDR = "CreateDomainRequest";
    var _CDRr = "CreateDomainResponse";
    var _CDT = "ConvergenceDetectedTime";
    var _CDo = "ConvergenceDetected";
    var _CDon = "ContentDigest";
    var _CDr = "CreateDate";
    var _CDre = "CreateDomain";
    var _CE = "ConflictException";
    var _CEAIC = "CodeEditorAppImageConfig";
    var _CEAS = "CodeEditorAppSettings";
    var _CEC = "ClarifyExplainerConfig";
    var _CECI = "CreateEndpointConfigInput";
    var _CECO = "CreateEndpointConfigOutput";
    var _CECr = "CreateEndpointConfig";
    var _CED = "ClusterEventDetail";
    var _CEDP = "CreateEdgeDeploymentPlan";
    var _CEDPR = "CreateEdgeDeploymentPlanRequest";
    var _CEDPRr = "CreateEdgeDeploymentPlanResponse";
    var _CEDS = "CreateEdgeDeploymentStage";
    var _CEDSR = "CreateEdgeDeploymentStageRequest";
    var _CEI = "CreateEndpointInput";
    var _CEO = "CreateEndpointOutput";
    var _CEPJ = "CreateEdgePackagingJob";
    var _CEPJR = "CreateEdgePackagingJobRequest";
    var _CER = "CreateExperimentRequest";
    var _CERr = "CreateExperimentResponse";
    var _CES = "ClusterEventSummary";
    var _CESl = "ClusterEventSummaries";
    var _CET = "CompilationEndTime";
    var _CEV = "ContainerEnvironmentVariables";
    var _CEVC = "ClusterEbsVolumeConfig";
    var _CEo = "ContainerEntrypoint";
    var _CEr = "CreateEndpoint";
    var _CEre = "CreateExperiment";
    var _CEu = "CustomerEni";
    var _CEur = "CurrentEpoch";
    var _CF = "ConfigFile";
    var _CFD = "CreateFlowDefinition";
    var _CFDR = "CreateFlowDefinitionRequest";
    var _CFDRr = "CreateFlowDefinitionResponse";
    var _CFG = "CreateFeatureGroup";
    var _CFGR = "CreateFeatureGroupRequest";
    var _CFGRr = "CreateFeatureGroupResponse";
    var _CFLC = "ClusterFsxLustreConfig";
    var _CFM = "CertifyForMarketplace";
    var _CFOZC = "ClusterFsxOpenZfsConfig";
    var _CFS = "CustomFileSystems";
    var _CFSC = "CustomFileSystemConfigs";
    var _CFSCu = "CustomFileSystemConfig";
    var _CFSLC = "CurrentFSxLustreConfig";
    var _CFSLDP = "CurrentFSxLustreDeletionPolicy";
    var _CFSu = "CustomFileSystem";
    var _CGC = "CandidateGenerationConfig";
    var _CH = "ContainerHostname";
    var _CHCPU = "CreateHubContentPresignedUrls";
    var _CHCPUR = "CreateHubContentPresignedUrlsRequest";
    var _CHCPURr = "CreateHubContentPresignedUrlsResponse";
    var _CHCR = "CreateHubContentReference";
    var _CHCRR = "CreateHubContentReferenceRequest";
    var _CHCRRr = "CreateHubContentReferenceResponse";
    var _CHPTJ = "CreateHyperParameterTuningJob";
    var _CHPTJR = "CreateHyperParameterTuningJobRequest";
    var _CHPTJRr = "CreateHyperParameterTuningJobResponse";
    var _CHR = "CacheHitResult";
    var _CHRr = "CreateHubRequest";
    var _CHRre = "CreateHubResponse";
    var _CHTU = "CreateHumanTaskUi";
    var _CHTUR = "CreateHumanTaskUiRequest";
    var _CHTURr = "CreateHumanTaskUiResponse";
    var _CHr = "CreateHub";
    var _CI = "CustomImages";
    var _CIC = "ClarifyInferenceConfig";
    var _CICI = "CreateInferenceComponentInput";
    var _CICO = "CreateInferenceComponentOutput";
    var _CICr = "CreateInferenceComponent";
    var _CICu = "CurrentInstanceCount";
    var _CIE = "CreateInferenceExperiment";
    var _CIER = "CreateInferenceExperimentRequest";
    var _CIERr = "CreateInferenceExperimentResponse";
    var _CIGD = "ClusterInstanceGroupDetails";
    var _CIGDL = "ClusterInstanceGroupDetailsList";
    var _CIGS = "ClusterInstanceGroupSpecification";
    var _CIGSl = "ClusterInstanceGroupSpecifications";
    var _CII = "CurrentImageId";
    var _CIM = "CooldownInMinutes";
    var _CIP = "ClusterInstancePlacement";
    var _CIR = "ClusterInstanceRequirements";
    var _CIRD = "ClusterInstanceRequirementDetails";
    var _CIRJ = "CreateInferenceRecommendationsJob";
    var _CIRJR = "CreateInferenceRecommendationsJobRequest";
    var _CIRJRr = "CreateInferenceRecommendationsJobResponse";
    var _CIRV = "CurrentImageReleaseVersion";
    var _CIRr = "CreateImageRequest";
    var _CIRre = "CreateImageResponse";
    var _CISC = "ClusterInstanceStorageConfigs";
    var _CISCl = "ClusterInstanceStorageConfig";
    var _CISD = "ClusterInstanceStatusDetails";
    var _CIT = "CurrentInstanceTypes";
    var _CITD = "ClusterInstanceTypeDetail";
    var _CITDl = "ClusterInstanceTypeDetails";
    var _CIV = "CreateImageVersion";
    var _CIVR = "CreateImageVersionRequest";
    var _CIVRr = "CreateImageVersionResponse";
    var _CIl = "ClientId";
    var _CIlu = "ClusterId";
    var _CIo = "ContainerImage";
    var _CIom = "CommitId";
    var _CIr = "CreateImage";
    var _CIu = "CustomImage";
    var _CJ = "CreateJob";
    var _CJA = "CheckJobArn";
    var _CJAo = "CompilationJobArn";
    var _CJN = "CompilationJobName";
    var _CJR = "CreateJobRequest";
    var _CJRr = "CreateJobResponse";
    var _CJS = "CompilationJobSummary";
    var _CJSo = "CompilationJobStatus";
    var _CJSom = "CompilationJobSummaries";
    var _CKC = "ClusterKubernetesConfig";
    var _CKCD = "ClusterKubernetesConfigDetails";
    var _CKCND = "ClusterKubernetesConfigNodeDetails";
    var _CKT = "ClusterKubernetesTaint";
    var _CKTl = "ClusterKubernetesTaints";
    var _CL = "CurrentLabels";
    var _CLCC = "ClusterLifeCycleConfig";
    var _CLJ = "CreateLabelingJob";
    var _CLJR = "CreateLabelingJobRequest";
    var _CLJRr = "CreateLabelingJobResponse";
    var _CM = "CandidateMetrics";
    var _CMA = "CreateMlflowApp";
    var _CMAR = "CreateMlflowAppRequest";
    var _CMARr = "CreateMlflowAppResponse";
    var _CMBJD = "CreateModelBiasJobDefinition";
    var _CMBJDR = "CreateModelBiasJobDefinitionRequest";
    var _CMBJDRr = "CreateModelBiasJobDefinitionResponse";
    var _CMC = "ContainerMetricsConfig";
    var _CMCEJ = "CreateModelCardExportJob";
    var _CMCEJR = "CreateModelCardExportJobRequest";
    var _CMCEJRr = "CreateModelCardExportJobResponse";
    var _CMCR = "CreateModelCardRequest";
    var _CMCRr = "CreateModelCardResponse";
    var _CMCr = "CreateModelCard";
    var _CMD = "CognitoMemberDefinition";
    var _CMEJD = "CreateModelExplainabilityJobDefinition";
    var _CMEJDR = "CreateModelExplainabilityJobDefinitionRequest";
    var _CMEJDRr = "CreateModelExplainabilityJobDefinitionResponse";
    var _CMI = "CreateModelInput";
    var _CMO = "CreateModelOutput";
    var _CMP = "CustomerMetadataProperties";
    var _CMPG = "CreateModelPackageGroup";
    var _CMPGI = "CreateModelPackageGroupInput";
    var _CMPGO = "CreateModelPackageGroupOutput";
    var _CMPI = "CreateModelPackageInput";
    var _CMPO = "CreateModelPackageOutput";
    var _CMPTR = "CustomerMetadataPropertiesToRemove";
    var _CMPr = "CreateModelPackage";
    var _CMQJD = "CreateModelQualityJobDefinition";
    var _CMQJDR = "CreateModelQualityJobDefinitionRequest";
    var _CMQJDRr = "CreateModelQualityJobDefinitionResponse";
    var _CMS = "CustomizedMetricSpecification";
    var _CMSR = "CreateMonitoringScheduleRequest";
    var _CMSRr = "CreateMonitoringScheduleResponse";
    var _CMSr = "CreateMonitoringSchedule";
    var _CMTS = "CreateMlflowTrackingServer";
    var _CMTSR = "CreateMlflowTrackingServerRequest";
    var _CMTSRr = "CreateMlflowTrackingServerResponse";
    var _CMa = "CaptureMode";
    var _CMl = "ClusterMetadata";
    var _CMr = "CreateModel";
    var _CN = "ChannelName";
    var _CND = "ClusterNodeDetails";
    var _CNE = "CandidateNameEquals";
    var _CNI = "ClusterNetworkInterface";
    var _CNID = "ClusterNetworkInterfaceDetails";
    var _CNII = "CreateNotebookInstanceInput";
    var _CNILC = "CreateNotebookInstanceLifecycleConfig";
    var _CNILCI = "CreateNotebookInstanceLifecycleConfigInput";
    var _CNILCO = "CreateNotebookInstanceLifecycleConfigOutput";
    var _CNIO = "CreateNotebookInstanceOutput";
    var _CNIr = "CreateNotebookInstance";
    var _CNS = "ClusterNodeSummary";
    var _CNSl = "ClusterNodeSummaries";
    var _CNa = "CandidateName";
    var _CNl = "ClusterName";
    var _CNo = "CollectionName";
    var _CNon = "ContextName";
    var _CO = "CaptureOption";
    var _COC = "CompleteOnConvergence";
    var _COCo = "CompiledOutputConfig";
    var _CODO = "ClusterOnDemandOptions";
    var _COEC = "ClusterOrchestratorEksConfig";
    var _COJ = "CreateOptimizationJob";
    var _COJR = "CreateOptimizationJobRequest";
    var _COJRr = "CreateOptimizationJobResponse";
    var _COL = "CaptureOptionList";
    var _COSC = "ClusterOrchestratorSlurmConfig";
    var _COa = "CaptureOptions";
    var _COl = "ClusterOrchestrator";
    var _COo = "CompilerOptions";
    var _CP = "CandidateProperties";
    var _CPA = "CreatePartnerApp";
    var _CPAPU = "CreatePartnerAppPresignedUrl";
    var _CPAPUR = "CreatePartnerAppPresignedUrlRequest";
    var _CPAPURr = "CreatePartnerAppPresignedUrlResponse";
    var _CPAR = "CreatePartnerAppRequest";
    var _CPARr = "CreatePartnerAppResponse";
    var _CPDU = "CreatePresignedDomainUrl";
    var _CPDUR = "CreatePresignedDomainUrlRequest";
    var _CPDURr = "CreatePresignedDomainUrlResponse";
    var _CPH = "CostPerHour";
    var _CPI = "CreateProjectInput";
    var _CPIo = "CostPerInference";
    var _CPJ = "CreateProcessingJob";
    var _CPJR = "CreateProcessingJobRequest";
    var _CPJRr = "CreateProcessingJobResponse";
    var _CPMAU = "CreatePresignedMlflowAppUrl";
    var _CPMAUR = "CreatePresignedMlflowAppUrlRequest";
    var _CPMAURr = "CreatePresignedMlflowAppUrlResponse";
    var _CPMTSU = "CreatePresignedMlflowTrackingServerUrl";
    var _CPMTSUR = "CreatePresignedMlflowTrackingServerUrlRequest";
    var _CPMTSURr = "CreatePresignedMlflowTrackingServerUrlResponse";
    var _CPNIU = "CreatePresignedNotebookInstanceUrl";
    var _CPNIUI = "CreatePresignedNotebookInstanceUrlInput";
    var _CPNIUO = "CreatePresignedNotebookInstanceUrlOutput";
    var _CPO = "CreateProjectOutput";
    var _CPR = "CategoricalParameterRange";
    var _CPRS = "CategoricalParameterRangeSpecification";
    var _CPRSo = "ContinuousParameterRangeSpecification";
    var _CPRa = "CategoricalParameterRanges";
    var _CPRo = "ContinuousParameterRange";
    var _CPRon = "ContinuousParameterRanges";
    var _CPRr = "CreatePipelineRequest";
    var _CPRre = "CreatePipelineResponse";
    var _CPS = "CurrentPatchSchedule";
    var _CPSD = "ClusterPatchScheduleDetails";
    var _CPSl = "ClusterPatchSchedule";
    var _CPUC = "CustomPosixUserConfig";
    var _CPa = "CategoricalParameter";
    var _CPat = "CategoricalParameters";
    var _CPo = "CollectionParameters";
    var _CPr = "CreatePipeline";
    var _CPre = "CreateProject";
    var _CQA = "ComputeQuotaArn";
    var _CQC = "ComputeQuotaConfig";
    var _CQI = "ComputeQuotaId";
    var _CQR = "ComputeQuotaResources";
    var _CQRC = "ComputeQuotaResourceConfig";
    var _CQRCL = "ComputeQuotaResourceConfigList";
    var _CQS = "ComputeQuotaSummary";
    var _CQSL = "ComputeQuotaSummaryList";
    var _CQSo = "ComputeQuotaSummaries";
    var _CQT = "ComputeQuotaTarget";
    var _CQV = "ComputeQuotaVersion";
    var _CR = "CapacityReservation";
    var _CRA = "CodeRepositoryArn";
    var _CRAl = "ClusterRoleArn";
    var _CRC = "CapacityReservationConfig";
    var _CRIGC = "ClusterRestrictedInstanceGroupsConfig";
    var _CRIGCO = "ClusterRestrictedInstanceGroupsConfigOutput";
    var _CRIGD = "ClusterRestrictedInstanceGroupDetails";
    var _CRIGDL = "ClusterRestrictedInstanceGroupDetailsList";
    var _CRIGS = "ClusterRestrictedInstanceGroupSpecification";
    var _CRIGSl = "ClusterRestrictedInstanceGroupSpecifications";
    var _CRN = "CodeRepositoryName";
    var _CRP = "CapacityReservationPreference";
    var _CRR = "ComputeResourceRequirements";
    var _CRS = "CodeRepositorySummary";
    var _CRSL = "CodeRepositorySummaryList";
    var _CRT = "ClientRequestToken";
    var _CRa = "CapacityRequirements";
    var _CRl = "ClusterRole";
    var _CRo = "CodeRepository";
    var _CRod = "CodeRepositories";
    var _CRon = "ConstraintsResource";
    var _CRons = "ConsumedResources";
    var _CS = "ClientSecret";
    var _CSA = "CandidateStepArn";
    var _CSBC = "ClarifyShapBaselineConfig";
    var _CSC = "CapacitySizeConfig";
    var _CSCA = "ClusterSchedulerConfigArn";
    var _CSCD = "ClusterSlurmConfigDetails";
    var _CSCI = "ClusterSchedulerConfigId";
    var _CSCP = "CfnStackCreateParameter";
    var _CSCPf = "CfnStackCreateParameters";
    var _CSCS = "ClusterSchedulerConfigSummary";
    var _CSCSL = "ClusterSchedulerConfigSummaryList";
    var _CSCSl = "ClusterSchedulerConfigSummaries";
    var _CSCV = "ClusterSchedulerConfigVersion";
    var _CSCl = "ClarifyShapConfig";
    var _CSClu = "ClusterSlurmConfig";
    var _CSCu = "CurrentServerlessConfig";
    var _CSD = "CfnStackDetail";
    var _CSEC = "ClusterSharedEnvironmentConfig";
    var _CSECD = "ClusterSharedEnvironmentConfigDetails";
    var _CSHCTIS = "ContainerStartupHealthCheckTimeoutInSeconds";
    var _CSIC = "ConfiguredSpareInstanceCount";
    var _CSLC = "CreateStudioLifecycleConfig";
    var _CSLCR = "CreateStudioLifecycleConfigRequest";
    var _CSLCRr = "CreateStudioLifecycleConfigResponse";
    var _CSM = "CallbackStepMetadata";
    var _CSMo = "ConditionStepMetadata";
    var _CSN = "CandidateStepName";
    var _CSO = "ClusterSpotOptions";
    var _CSP = "CfnStackParameter";
    var _CSPf = "CfnStackParameters";
    var _CSPu = "CurrentSamplingPercentage";
    var _CSR = "CreateSpaceRequest";
    var _CSRr = "CreateSpaceResponse";
    var _CST = "CandidateStepType";
    var _CSTo = "CompilationStartTime";
    var _CSUP = "CfnStackUpdateParameter";
    var _CSUPf = "CfnStackUpdateParameters";
    var _CSa = "CandidateSteps";
    var _CSan = "CandidateStatus";
    var _CSana = "CanarySize";
    var _CSap = "CapacitySize";
    var _CSapt = "CaptureStatus";
    var _CSh = "ChannelSpecification";
    var _CSha = "ChannelSpecifications";
    var _CSl = "ClusterSummary";
    var _CSlu = "ClusterStatus";
    var _CSlus = "ClusterSummaries";
    var _CSo = "ContextSource";
    var _CSom = "ComputeSpec";
    var _CSon = "ContextSummary";
    var _CSont = "ContextSummaries";
    var _CSonte = "ContentSha256";
    var _CSr = "CreateSpace";
    var _CSu = "CurrentStep";
    var _CT = "CreationTime";
    var _CTA = "CreationTimeAfter";
    var _CTB = "CreationTimeBefore";
    var _CTC = "ClarifyTextConfig";
    var _CTCR = "CreateTrialComponentRequest";
    var _CTCRr = "CreateTrialComponentResponse";
    var _CTCr = "CreateTrialComponent";
    var _CTD = "CompilationTargetDevice";
    var _CTJ = "CreateTrainingJob";
    var _CTJR = "CreateTrainingJobRequest";
    var _CTJRr = "CreateTrainingJobResponse";
    var _CTJRre = "CreateTransformJobRequest";
    var _CTJRrea = "CreateTransformJobResponse";
    var _CTJr = "CreateTransformJob";
    var _CTP = "CreateTemplateProvider";
    var _CTPA = "CompilationTargetPlatformArch";
    var _CTPAo = "CompilationTargetPlatformAccelerator";
    var _CTPD = "CfnTemplateProviderDetail";
    var _CTPL = "CreateTemplateProviderList";
    var _CTPO = "CompilationTargetPlatformOs";
    var _CTPR = "CreateTrainingPlanRequest";
    var _CTPRr = "CreateTrainingPlanResponse";
    var _CTPf = "CfnTemplateProvider";
    var _CTPr = "CreateTrainingPlan";
    var _CTR = "CreateTrialRequest";
    var _CTRr = "CreateTrialResponse";
    var _CTSC = "ClusterTieredStorageConfig";
    var _CTa = "CallbackToken";
    var _CTap = "CapacityType";
    var _CTh = "ChannelType";
    var _CThe = "CheckType";
    var _CTl = "ClientToken";
    var _CTo = "CompressionType";
    var _CTol = "CollectionType";
    var _CTom = "CompletionTime";
    var _CTon = "ContentType";
    var _CTonc = "ConcurrencyThreshold";
    var _CTont = "ContentTemplate";
    var _CTonte = "ContextType";
    var _CTr = "CreateTrial";
    var _CTu = "CurrentTaints";
    var _CTus = "CustomizationTechnique";
    var _CU = "ConfigUri";
    var _CUP = "CreateUserProfile";
    var _CUPR = "CreateUserProfileRequest";
    var _CUPRr = "CreateUserProfileResponse";
    var _CUTP = "CfnUpdateTemplateProvider";
    var _CUp = "CpuUtilization";
    var _CVED = "CurrentVersionEolDate";
    var _CW = "CurrentWeight";
    var _CWL = "CloudWatchLogs";
    var _CWR = "CreateWorkforceRequest";
    var _CWRr = "CreateWorkforceResponse";
    var _CWRre = "CreateWorkteamRequest";
    var _CWRrea = "CreateWorkteamResponse";
    var _CWr = "CreateWorkforce";
    var _CWre = "CreateWorkteam";
    var _Ca = "Catalog";
    var _Cal = "Callback";
    var _Can = "Candidates";
    var _Ce = "Cents";
    var _Ch = "Channel";
    var _Ci = "Cidrs";
    var _Cl = "Cluster";
    var _Co = "Containers";
    var _Cod = "Code";
    var _Com = "Completed";
    var _Con = "Constraints";
    var _Cond = "Condition";
    var _Cont = "Content";
    var _Conta = "Container";
    var _Cs = "Csv";
    var _Cu = "Customized";
    var _D = "Description";
    var _DA = "DestinationArn";
    var _DACR = "DisassociateAdditionalCodeRepositories";
    var _DAET = "DataAnalysisEndTime";
    var _DAI = "DeleteAlgorithmInput";
    var _DAIBJ = "DeleteAIBenchmarkJob";
    var _DAIBJR = "DeleteAIBenchmarkJobRequest";
    var _DAIBJRe = "DeleteAIBenchmarkJobResponse";
    var _DAIBJRes = "DescribeAIBenchmarkJobRequest";
    var _DAIBJResc = "DescribeAIBenchmarkJobResponse";
    var _DAIBJe = "DescribeAIBenchmarkJob";
    var _DAIC = "DeleteAppImageConfig";
    var _DAICR = "DeleteAppImageConfigRequest";
    var _DAICRe = "DescribeAppImageConfigRequest";
    var _DAICRes = "DescribeAppImageConfigResponse";
    var _DAICe = "DescribeAppImageConfig";
    var _DAIRJ = "DeleteAIRecommendationJob";
    var _DAIRJR = "DeleteAIRecommendationJobRequest";
    var _DAIRJRe = "DeleteAIRecommendationJobResponse";
    var _DAIRJRes = "DescribeAIRecommendationJobRequest";
    var _DAIRJResc = "DescribeAIRecommendationJobResponse";
    var _DAIRJe = "DescribeAIRecommendationJob";
    var _DAIWC = "DeleteAIWorkloadConfig";
    var _DAIWCR = "DeleteAIWorkloadConfigRequest";
    var _DAIWCRe = "DeleteAIWorkloadConfigResponse";
    var _DAIWCRes = "DescribeAIWorkloadConfigRequest";
    var _DAIWCResc = "DescribeAIWorkloadConfigResponse";
    var _DAIWCe = "DescribeAIWorkloadConfig";
    var _DAIe = "DescribeAlgorithmInput";
    var _DAIo = "DomainAccountId";
    var _DAMLJ = "DescribeAutoMLJob";
    var _DAMLJR = "DescribeAutoMLJobRequest";
    var _DAMLJRe = "DescribeAutoMLJobResponse";
    var _DAMLJV = "DescribeAutoMLJobV2";
    var _DAMLJVR = "DescribeAutoMLJobV2Request";
    var _DAMLJVRe = "DescribeAutoMLJobV2Response";
    var _DAO = "DescribeAlgorithmOutput";
    var _DAR = "DeleteActionRequest";
    var _DARe = "DeleteActionResponse";
    var _DARel = "DeleteAppRequest";
    var _DARele = "DeleteArtifactRequest";
    var _DARelet = "DeleteArtifactResponse";
    var _DARelete = "DeleteAssociationRequest";
    var _DAReletes = "DeleteAssociationResponse";
    var _DARes = "DescribeActionRequest";
    var _DAResc = "DescribeActionResponse";
    var _DARescr = "DescribeAppRequest";
    var _DARescri = "DescribeAppResponse";
    var _DARescrib = "DescribeArtifactRequest";
    var _DARescribe = "DescribeArtifactResponse";
    var _DAST = "DataAnalysisStartTime";
    var _DAT = "DisassociateAcceleratorTypes";
    var _DAa = "DatasetArn";
    var _DAat = "DataAttributes";
    var _DAe = "DeviceArn";
    var _DAel = "DeleteAction";
    var _DAele = "DeleteAlgorithm";
    var _DAelet = "DeleteApp";
    var _DAelete = "DeleteArtifact";
    var _DAeletes = "DeleteAssociation";
    var _DAes = "DescribeAction";
    var _DAesc = "DescribeAlgorithm";
    var _DAescr = "DescribeApp";
    var _DAescri = "DescribeArtifact";
    var _DAo = "DomainArn";
    var _DC = "DeploymentConfiguration";
    var _DCB = "DriftCheckBaselines";
    var _DCBr = "DriftCheckBias";
    var _DCC = "DataCaptureConfig";
    var _DCCS = "DataCaptureConfigSummary";
    var _DCCa = "DataCatalogConfig";
    var _DCCat = "DataCacheConfig";
    var _DCCe = "DesiredCopyCount";
    var _DCDSU = "DataCapturedDestinationS3Uri";
    var _DCE = "DriftCheckExplainability";
    var _DCER = "DescribeClusterEventRequest";
    var _DCERe = "DescribeClusterEventResponse";
    var _DCEe = "DescribeClusterEvent";
    var _DCJ = "DeleteCompilationJob";
    var _DCJR = "DeleteCompilationJobRequest";
    var _DCJRe = "DescribeCompilationJobRequest";
    var _DCJRes = "DescribeCompilationJobResponse";
    var _DCJe = "DescribeCompilationJob";
    var _DCMDQ = "DriftCheckModelDataQuality";
    var _DCMQ = "DriftCheckModelQuality";
    var _DCN = "DescribeClusterNode";
    var _DCNR = "DescribeClusterNodeRequest";
    var _DCNRe = "DescribeClusterNodeResponse";
    var _DCNV = "DetachClusterNodeVolume";
    var _DCNVR = "DetachClusterNodeVolumeRequest";
    var _DCNVRe = "DetachClusterNodeVolumeResponse";
    var _DCP = "DependencyCopyPath";
    var _DCQ = "DeleteComputeQuota";
    var _DCQR = "DeleteComputeQuotaRequest";
    var _DCQRe = "DescribeComputeQuotaRequest";
    var _DCQRes = "DescribeComputeQuotaResponse";
    var _DCQe = "DescribeComputeQuota";
    var _DCR = "DefaultCodeRepository";
    var _DCRC = "DefaultCodeRepositoryContains";
    var _DCRI = "DeleteCodeRepositoryInput";
    var _DCRIe = "DescribeCodeRepositoryInput";
    var _DCRO = "DescribeCodeRepositoryOutput";
    var _DCRe = "DeleteClusterRequest";
    var _DCRel = "DeleteClusterResponse";
    var _DCRele = "DeleteContextRequest";
    var _DCRelet = "DeleteContextResponse";
    var _DCRelete = "DeleteCodeRepository";
    var _DCRes = "DescribeClusterRequest";
    var _DCResc = "DescribeClusterResponse";
    var _DCRescr = "DescribeContextRequest";
    var _DCRescri = "DescribeContextResponse";
    var _DCRescrib = "DescribeCodeRepository";
    var _DCSC = "DeleteClusterSchedulerConfig";
    var _DCSCR = "DeleteClusterSchedulerConfigRequest";
    var _DCSCRe = "DescribeClusterSchedulerConfigRequest";
    var _DCSCRes = "DescribeClusterSchedulerConfigResponse";
    var _DCSCe = "DescribeClusterSchedulerConfig";
    var _DCa = "DatasetConfig";
    var _DCe = "DeploymentConfig";
    var _DCel = "DeleteCluster";
    var _DCele = "DeleteContext";
    var _DCes = "DescribeCluster";
    var _DCesc = "DescribeContext";
    var _DD = "DatasetDefinition";
    var _DDCR = "DisassociateDefaultCodeRepository";
    var _DDF = "DeleteDeviceFleet";
    var _DDFR = "DeleteDeviceFleetRequest";
    var _DDFRe = "DescribeDeviceFleetRequest";
    var _DDFRes = "DescribeDeviceFleetResponse";
    var _DDFe = "DescribeDeviceFleet";
    var _DDIC = "DerivedDataInputConfig";
    var _DDIL = "DefaultDomainIdList";
    var _DDQJD = "DeleteDataQualityJobDefinition";
    var _DDQJDR = "DeleteDataQualityJobDefinitionRequest";
    var _DDQJDRe = "DescribeDataQualityJobDefinitionRequest";
    var _DDQJDRes = "DescribeDataQualityJobDefinitionResponse";
    var _DDQJDe = "DescribeDataQualityJobDefinition";
    var _DDR = "DeleteDomainRequest";
    var _DDRe = "DeregisterDevicesRequest";
    var _DDRes = "DescribeDeviceRequest";
    var _DDResc = "DescribeDeviceResponse";
    var _DDRescr = "DescribeDomainRequest";
    var _DDRescri = "DescribeDomainResponse";
    var _DDS = "DirectDeploySettings";
    var _DDSM = "DeviceDeploymentStatusMessage";
    var _DDSe = "DeviceDeploymentSummary";
    var _DDSev = "DeviceDeploymentStatus";
    var _DDSevi = "DeviceDeploymentSummaries";
    var _DDT = "DataDistributionType";
    var _DDe = "DeleteDomain";
    var _DDer = "DeregisterDevices";
    var _DDes = "DescribeDevice";
    var _DDesc = "DescribeDomain";
    var _DDo = "DomainDetails";
    var _DE = "DeleteEndpoint";
    var _DEC = "DeleteEndpointConfig";
    var _DECI = "DeleteEndpointConfigInput";
    var _DECIe = "DescribeEndpointConfigInput";
    var _DECO = "DescribeEndpointConfigOutput";
    var _DECe = "DescribeEndpointConfig";
    var _DEDP = "DeleteEdgeDeploymentPlan";
    var _DEDPR = "DeleteEdgeDeploymentPlanRequest";
    var _DEDPRe = "DescribeEdgeDeploymentPlanRequest";
    var _DEDPRes = "DescribeEdgeDeploymentPlanResponse";
    var _DEDPe = "DescribeEdgeDeploymentPlan";
    var _DEDS = "DeleteEdgeDeploymentStage";
    var _DEDSR = "DeleteEdgeDeploymentStageRequest";
    var _DEI = "DeleteEndpointInput";
    var _DEIe = "DescribeEndpointInput";
    var _DENL = "DataExplorationNotebookLocation";
    var _DEO = "DescribeEndpointOutput";
    var _DEPJ = "DescribeEdgePackagingJob";
    var _DEPJR = "DescribeEdgePackagingJobRequest";
    var _DEPJRe = "DescribeEdgePackagingJobResponse";
    var _DER = "DeleteExperimentRequest";
    var _DERA = "DomainExecutionRoleArn";
    var _DERe = "DeleteExperimentResponse";
    var _DERes = "DescribeExperimentRequest";
    var _DEResc = "DescribeExperimentResponse";
    var _DESS = "DefaultEbsStorageSettings";
    var _DEVSIG = "DefaultEbsVolumeSizeInGb";
    var _DEe = "DeleteExperiment";
    var _DEes = "DescribeEndpoint";
    var _DEesc = "DescribeExperiment";
    var _DF = "DatasetFormat";
    var _DFA = "DeviceFleetArn";
    var _DFD = "DeleteFlowDefinition";
    var _DFDI = "DefaultForDomainId";
    var _DFDR = "DeleteFlowDefinitionRequest";
    var _DFDRe = "DeleteFlowDefinitionResponse";
    var _DFDRes = "DescribeFlowDefinitionRequest";
    var _DFDResc = "DescribeFlowDefinitionResponse";
    var _DFDe = "DescribeFlowDefinition";
    var _DFG = "DeleteFeatureGroup";
    var _DFGR = "DeleteFeatureGroupRequest";
    var _DFGRe = "DescribeFeatureGroupRequest";
    var _DFGRes = "DescribeFeatureGroupResponse";
    var _DFGe = "DescribeFeatureGroup";
    var _DFM = "DescribeFeatureMetadata";
    var _DFMR = "DescribeFeatureMetadataRequest";
    var _DFMRe = "DescribeFeatureMetadataResponse";
    var _DFN = "DeviceFleetName";
    var _DFNC = "DeviceFleetNameContains";
    var _DFS = "DeviceFleetSummary";
    var _DFSLC = "DesiredFSxLustreConfig";
    var _DFSLDP = "DesiredFSxLustreDeletionPolicy";
    var _DFSe = "DeviceFleetSummaries";
    var _DG = "DefaultGid";
    var _DGTC = "DisableGlueTableCreation";
    var _DH = "DurationHours";
    var _DHC = "DebugHookConfig";
    var _DHCC = "DeepHealthCheckConfigurations";
    var _DHCR = "DeleteHubContentRequest";
    var _DHCRR = "DeleteHubContentReferenceRequest";
    var _DHCRe = "DescribeHubContentRequest";
    var _DHCRel = "DeleteHubContentReference";
    var _DHCRes = "DescribeHubContentResponse";
    var _DHCe = "DeepHealthChecks";
    var _DHCel = "DeleteHubContent";
    var _DHCes = "DescribeHubContent";
    var _DHPTJ = "DeleteHyperParameterTuningJob";
    var _DHPTJR = "DeleteHyperParameterTuningJobRequest";
    var _DHPTJRe = "DescribeHyperParameterTuningJobRequest";
    var _DHPTJRes = "DescribeHyperParameterTuningJobResponse";
    var _DHPTJe = "DescribeHyperParameterTuningJob";
    var _DHR = "DeleteHubRequest";
    var _DHRe = "DescribeHubRequest";
    var _DHRes = "DescribeHubResponse";
    var _DHTU = "DeleteHumanTaskUi";
    var _DHTUR = "DeleteHumanTaskUiRequest";
    var _DHTURe = "DeleteHumanTaskUiResponse";
    var _DHTURes = "DescribeHumanTaskUiRequest";
    var _DHTUResc = "DescribeHumanTaskUiResponse";
    var _DHTUe = "DescribeHumanTaskUi";
    var _DHe = "DeleteHub";
    var _DHes = "DescribeHub";
    var _DI = "DomainId";
    var _DIA = "DirectInternetAccess";
    var _DIC = "DesiredInstanceCount";
    var _DICI = "DeleteInferenceComponentInput";
    var _DICIe = "DescribeInferenceComponentInput";
    var _DICO = "DescribeInferenceComponentOutput";
    var _DICa = "DataInputConfig";
    var _DICe = "DeleteInferenceComponent";
    var _DICes = "DescribeInferenceComponent";
    var _DIE = "DomainIdEquals";
    var _DIER = "DeleteInferenceExperimentRequest";
    var _DIERe = "DeleteInferenceExperimentResponse";
    var _DIERes = "DescribeInferenceExperimentRequest";
    var _DIEResc = "DescribeInferenceExperimentResponse";
    var _DIEe = "DeleteInferenceExperiment";
    var _DIEes = "DescribeInferenceExperiment";
    var _DII = "DesiredImageId";
    var _DIR = "DeleteImageRequest";
    var _DIRJ = "DescribeInferenceRecommendationsJob";
    var _DIRJR = "DescribeInferenceRecommendationsJobRequest";
    var _DIRJRe = "DescribeInferenceRecommendationsJobResponse";
    var _DIRV = "DesiredImageReleaseVersion";
    var _DIRe = "DeleteImageResponse";
    var _DIRes = "DescribeImageRequest";
    var _DIResc = "DescribeImageResponse";
    var _DIS = "DurationInSeconds";
    var _DIT = "DesiredInstanceTypes";
    var _DITe = "DeploymentInstanceType";
    var _DIV = "DeleteImageVersion";
    var _DIVR = "DeleteImageVersionRequest";
    var _DIVRe = "DeleteImageVersionResponse";
    var _DIVRes = "DescribeImageVersionRequest";
    var _DIVResc = "DescribeImageVersionResponse";
    var _DIVe = "DescribeImageVersion";
    var _DIe = "DeployedImage";
    var _DIel = "DeleteImage";
    var _DIep = "DeployedImages";
    var _DIer = "DerivedInformation";
    var _DIes = "DescribeImage";
    var _DJ = "DeleteJob";
    var _DJR = "DeleteJobRequest";
    var _DJRe = "DeleteJobResponse";
    var _DJRes = "DescribeJobRequest";
    var _DJResc = "DescribeJobResponse";
    var _DJSV = "DescribeJobSchemaVersion";
    var _DJSVR = "DescribeJobSchemaVersionRequest";
    var _DJSVRe = "DescribeJobSchemaVersionResponse";
    var _DJe = "DescribeJob";
    var _DL = "DesiredLabels";
    var _DLC = "DisassociateLifecycleConfig";
    var _DLG = "DescribeLineageGroup";
    var _DLGR = "DescribeLineageGroupRequest";
    var _DLGRe = "DescribeLineageGroupResponse";
    var _DLJ = "DescribeLabelingJob";
    var _DLJR = "DescribeLabelingJobRequest";
    var _DLJRe = "DescribeLabelingJobResponse";
    var _DLU = "DefaultLandingUri";
    var _DLo = "DomainList";
    var _DM = "DurationMinutes";
    var _DMA = "DeleteMlflowApp";
    var _DMAR = "DeleteMlflowAppRequest";
    var _DMARe = "DeleteMlflowAppResponse";
    var _DMARes = "DescribeMlflowAppRequest";
    var _DMAResc = "DescribeMlflowAppResponse";
    var _DMAe = "DescribeMlflowApp";
    var _DMBJD = "DeleteModelBiasJobDefinition";
    var _DMBJDR = "DeleteModelBiasJobDefinitionRequest";
    var _DMBJDRe = "DescribeModelBiasJobDefinitionRequest";
    var _DMBJDRes = "DescribeModelBiasJobDefinitionResponse";
    var _DMBJDe = "DescribeModelBiasJobDefinition";
    var _DMC = "DeleteModelCard";
    var _DMCEJ = "DescribeModelCardExportJob";
    var _DMCEJR = "DescribeModelCardExportJobRequest";
    var _DMCEJRe = "DescribeModelCardExportJobResponse";
    var _DMCR = "DeleteModelCardRequest";
    var _DMCRe = "DescribeModelCardRequest";
    var _DMCRes = "DescribeModelCardResponse";
    var _DMCe = "DescribeModelCard";
    var _DMEJD = "DeleteModelExplainabilityJobDefinition";
    var _DMEJDR = "DeleteModelExplainabilityJobDefinitionRequest";
    var _DMEJDRe = "DescribeModelExplainabilityJobDefinitionRequest";
    var _DMEJDRes = "DescribeModelExplainabilityJobDefinitionResponse";
    var _DMEJDe = "DescribeModelExplainabilityJobDefinition";
    var _DMI = "DeleteModelInput";
    var _DMIe = "DescribeModelInput";
    var _DMO = "DescribeModelOutput";
    var _DMP = "DeleteModelPackage";
    var _DMPG = "DeleteModelPackageGroup";
    var _DMPGI = "DeleteModelPackageGroupInput";
    var _DMPGIe = "DescribeModelPackageGroupInput";
    var _DMPGO = "DescribeModelPackageGroupOutput";
    var _DMPGP = "DeleteModelPackageGroupPolicy";
    var _DMPGPI = "DeleteModelPackageGroupPolicyInput";
    var _DMPGe = "DescribeModelPackageGroup";
    var _DMPI = "DeleteModelPackageInput";
    var _DMPIe = "DescribeModelPackageInput";
    var _DMPO = "DescribeModelPackageOutput";
    var _DMPe = "DescribeModelPackage";
    var _DMQJD = "DeleteModelQualityJobDefinition";
    var _DMQJDR = "DeleteModelQualityJobDefinitionRequest";
    var _DMQJDRe = "DescribeModelQualityJobDefinitionRequest";
    var _DMQJDRes = "DescribeModelQualityJobDefinitionResponse";
    var _DMQJDe = "DescribeModelQualityJobDefinition";
    var _DMS = "DeleteMonitoringSchedule";
    var _DMSR = "DeleteMonitoringScheduleRequest";
    var _DMSRe = "DescribeMonitoringScheduleRequest";
    var _DMSRes = "DescribeMonitoringScheduleResponse";
    var _DMSe = "DescribeMonitoringSchedule";
    var _DMTS = "DeleteMlflowTrackingServer";
    var _DMTSR = "DeleteMlflowTrackingServerRequest";
    var _DMTSRe = "DeleteMlflowTrackingServerResponse";
    var _DMTSRes = "DescribeMlflowTrackingServerRequest";
    var _DMTSResc = "DescribeMlflowTrackingServerResponse";
    var _DMTSe = "DescribeMlflowTrackingServer";
    var _DMV = "DesiredModelVariants";
    var _DMe = "DeleteModel";
    var _DMes = "DescribeModel";
    var _DN = "DestinationName";
    var _DNC = "DeviceNameContains";
    var _DNI = "DeleteNotebookInstance";
    var _DNII = "DeleteNotebookInstanceInput";
    var _DNIIe = "DescribeNotebookInstanceInput";
    var _DNILC = "DeleteNotebookInstanceLifecycleConfig";
    var _DNILCI = "DeleteNotebookInstanceLifecycleConfigInput";
    var _DNILCIe = "DescribeNotebookInstanceLifecycleConfigInput";
    var _DNILCO = "DescribeNotebookInstanceLifecycleConfigOutput";
    var _DNILCe = "DescribeNotebookInstanceLifecycleConfig";
    var _DNIO = "DescribeNotebookInstanceOutput";
    var _DNIe = "DescribeNotebookInstance";
    var _DNe = "DeviceName";
    var _DNef = "DefinitionName";
    var _DNev = "DeviceNames";
    var _DNi = "DisplayName";
    var _DNn = "DnsName";
    var _DNo = "DomainName";
    var _DOJ = "DeleteOptimizationJob";
    var _DOJR = "DeleteOptimizationJobRequest";
    var _DOJRe = "DescribeOptimizationJobRequest";
    var _DOJRes = "DescribeOptimizationJobResponse";
    var _DOJe = "DescribeOptimizationJob";
    var _DOP = "DependencyOriginPath";
    var _DP = "DataProcessing";
    var _DPA = "DeletePartnerApp";
    var _DPAR = "DeletePartnerAppRequest";
    var _DPARe = "DeletePartnerAppResponse";
    var _DPARes = "DescribePartnerAppRequest";
    var _DPAResc = "DescribePartnerAppResponse";
    var _DPAe = "DescribePartnerApp";
    var _DPDFE = "DescribePipelineDefinitionForExecution";
    var _DPDFER = "DescribePipelineDefinitionForExecutionRequest";
    var _DPDFERe = "DescribePipelineDefinitionForExecutionResponse";
    var _DPE = "DescribePipelineExecution";
    var _DPER = "DescribePipelineExecutionRequest";
    var _DPERe = "DescribePipelineExecutionResponse";
    var _DPI = "DeleteProjectInput";
    var _DPIe = "DescribeProjectInput";
    var _DPJ = "DeleteProcessingJob";
    var _DPJR = "DeleteProcessingJobRequest";
    var _DPJRe = "DescribeProcessingJobRequest";
    var _DPJRes = "DescribeProcessingJobResponse";
    var _DPJe = "DescribeProcessingJob";
    var _DPO = "DescribeProjectOutput";
    var _DPR = "DeletePipelineRequest";
    var _DPRe = "DeletePipelineResponse";
    var _DPRes = "DescribePipelineRequest";
    var _DPResc = "DescribePipelineResponse";
    var _DPS = "DesiredPatchSchedule";
    var _DPe = "DeleteProperties";
    var _DPel = "DeletePipeline";
    var _DPele = "DeleteProject";
    var _DPes = "DescribePipeline";
    var _DPesc = "DescribeProject";
    var _DPi = "DirectoryPath";
    var _DPis = "DisableProfiler";
    var _DQAS = "DataQualityAppSpecification";
    var _DQBC = "DataQualityBaselineConfig";
    var _DQJI = "DataQualityJobInput";
    var _DQJOC = "DataQualityJobOutputConfig";
    var _DR = "DeploymentRecommendation";
    var _DRC = "DebugRuleConfigurations";
    var _DRCR = "DescribeReservedCapacityRequest";
    var _DRCRe = "DescribeReservedCapacityResponse";
    var _DRCe = "DebugRuleConfiguration";
    var _DRCes = "DesiredRuntimeConfig";
    var _DRCesc = "DescribeReservedCapacity";
    var _DRES = "DebugRuleEvaluationStatus";
    var _DRESe = "DebugRuleEvaluationStatuses";
    var _DRS = "DefaultResourceSpec";
    var _DRo = "DomainRegion";
    var _DS = "DataSource";
    var _DSC = "DataSplitConfig";
    var _DSCa = "DataStorageConfig";
    var _DSCe = "DeviceSelectionConfig";
    var _DSCes = "DesiredServerlessConfig";
    var _DSCy = "DynamicScalingConfiguration";
    var _DSFU = "DomainSettingsForUpdate";
    var _DSLC = "DeleteStudioLifecycleConfig";
    var _DSLCR = "DeleteStudioLifecycleConfigRequest";
    var _DSLCRe = "DescribeStudioLifecycleConfigRequest";
    var _DSLCRes = "DescribeStudioLifecycleConfigResponse";
    var _DSLCe = "DescribeStudioLifecycleConfig";
    var _DSN = "DeployedStageName";
    var _DSNa = "DataSourceName";
    var _DSR = "DeleteSpaceRequest";
    var _DSRe = "DescribeSpaceRequest";
    var _DSRes = "DescribeSpaceResponse";
    var _DSS = "DefaultSpaceSettings";
    var _DSSP = "DisableSagemakerServicecatalogPortfolio";
    var _DSSPI = "DisableSagemakerServicecatalogPortfolioInput";
    var _DSSPO = "DisableSagemakerServicecatalogPortfolioOutput";
    var _DSSS = "DefaultSpaceStorageSettings";
    var _DSSSe = "DeploymentStageStatusSummary";
    var _DSSSep = "DeploymentStageStatusSummaries";
    var _DST = "DeploymentStartTime";
    var _DSTe = "DeviceSubsetType";
    var _DSU = "DestinationS3Uri";
    var _DSV = "DocumentSchemaVersion";
    var _DSW = "DescribeSubscribedWorkteam";
    var _DSWR = "DescribeSubscribedWorkteamRequest";
    var _DSWRe = "DescribeSubscribedWorkteamResponse";
    var _DSa = "DatasetSource";
    var _DSe = "DeploymentStage";
    var _DSel = "DeleteSpace";
    var _DSep = "DeploymentStatus";
    var _DSepl = "DeploymentStages";
    var _DSes = "DesiredState";
    var _DSesc = "DescribeSpace";
    var _DSev = "DeviceStats";
    var _DSevi = "DeviceSummary";
    var _DSevic = "DeviceSummaries";
    var _DSo = "DomainSettings";
    var _DSoc = "DockerSettings";
    var _DT = "DestinationType";
    var _DTA = "DatapointsToAlert";
    var _DTC = "DeleteTrialComponent";
    var _DTCR = "DeleteTrialComponentRequest";
    var _DTCRe = "DeleteTrialComponentResponse";
    var _DTCRes = "DescribeTrialComponentRequest";
    var _DTCResc = "DescribeTrialComponentResponse";
    var _DTCRi = "DisassociateTrialComponentRequest";
    var _DTCRis = "DisassociateTrialComponentResponse";
    var _DTCe = "DescribeTrialComponent";
    var _DTCi = "DisassociateTrialComponent";
    var _DTI = "DeleteTagsInput";
    var _DTJ = "DeleteTrainingJob";
    var _DTJR = "DeleteTrainingJobRequest";
    var _DTJRe = "DescribeTrainingJobRequest";
    var _DTJRes = "DescribeTrainingJobResponse";
    var _DTJResc = "DescribeTransformJobRequest";
    var _DTJRescr = "DescribeTransformJobResponse";
    var _DTJe = "DescribeTrainingJob";
    var _DTJes = "DescribeTransformJob";
    var _DTO = "DeleteTagsOutput";
    var _DTP = "DescribeTrainingPlan";
    var _DTPEH = "DescribeTrainingPlanExtensionHistory";
    var _DTPEHR = "DescribeTrainingPlanExtensionHistoryRequest";
    var _DTPEHRe = "DescribeTrainingPlanExtensionHistoryResponse";
    var _DTPR = "DescribeTrainingPlanRequest";
    var _DTPRe = "DescribeTrainingPlanResponse";
    var _DTR = "DeleteTrialRequest";
    var _DTRe = "DeleteTrialResponse";
    var _DTRes = "DescribeTrialRequest";
    var _DTResc = "DescribeTrialResponse";
    var _DTe = "DesiredTaints";
    var _DTel = "DeleteTags";
    var _DTele = "DeleteTrial";
    var _DTes = "DescribeTrial";
    var _DU = "DefaultUid";
    var _DUP = "DeleteUserProfile";
    var _DUPR = "DeleteUserProfileRequest";
    var _DUPRe = "DescribeUserProfileRequest";
    var _DUPRes = "DescribeUserProfileResponse";
    var _DUPe = "DescribeUserProfile";
    var _DUS = "DefaultUserSettings";
    var _DUb = "DbUser";
    var _DV = "DefaultValue";
    var _DW = "DesiredWeight";
    var _DWAC = "DesiredWeightAndCapacity";
    var _DWACL = "DesiredWeightAndCapacityList";
    var _DWACe = "DesiredWeightsAndCapacities";
    var _DWR = "DeleteWorkforceRequest";
    var _DWRe = "DeleteWorkforceResponse";
    var _DWRel = "DeleteWorkteamRequest";
    var _DWRele = "DeleteWorkteamResponse";
    var _DWRes = "DescribeWorkforceRequest";
    var _DWResc = "DescribeWorkforceResponse";
    var _DWRescr = "DescribeWorkteamRequest";
    var _DWRescri = "DescribeWorkteamResponse";
    var _DWe = "DeleteWorkforce";
    var _DWel = "DeleteWorkteam";
    var _DWes = "DescribeWorkforce";
    var _DWesc = "DescribeWorkteam";
    var _Da = "Database";
    var _De = "Device";
    var _Des = "Destination";
    var _Dev = "Devices";
    var _Di = "Direction";
    var _Dim = "Dimension";
    var _Do = "Domain";
    var _Dol = "Dollars";
    var _Dom = "Domains";
    var _E = "Environment";
    var _EA = "EndpointArn";
    var _EAMVU = "EnableAutoMinorVersionUpgrade";
    var _EAv = "EvaluatorArn";
    var _EAx = "ExperimentArn";
    var _EAxp = "ExportArtifacts";
    var _EAxt = "ExtendedAt";
    var _EC = "ErrorCode";
    var _ECA = "EndpointConfigArn";
    var _ECD = "EnvironmentConfigDetails";
    var _ECN = "EndpointConfigName";
    var _ECR = "Ec2CapacityReservation";
    var _ECRI = "Ec2CapacityReservationId";
    var _ECRL = "Ec2CapacityReservationsList";
    var _ECRc = "Ec2CapacityReservations";
    var _ECS = "EndpointConfigSummary";
    var _ECSL = "EndpointConfigSummaryList";
    var _ECSM = "EndpointConfigStepMetadata";
    var _ECn = "EnvironmentConfig";
    var _ECna = "EnableCapture";
    var _ECnab = "EnableCaching";
    var _ECnd = "EndpointConfiguration";
    var _ECndp = "EndpointConfigs";
    var _ECndpo = "EndpointConfig";
    var _ECndpoi = "EndpointConfigurations";
    var _ECx = "ExplainerConfig";
    var _ECxp = "ExperimentConfig";
    var _ED = "EventDetails";
    var _EDA = "EnableDockerAccess";
    var _EDC = "EdgeDeploymentConfig";
    var _EDDIOS = "ExcludeDevicesDeployedInOtherStage";
    var _EDF = "EdgeDeploymentFailed";
    var _EDFIS = "EdgeDeploymentFailedInStage";
    var _EDMC = "EdgeDeploymentModelConfig";
    var _EDMCd = "EdgeDeploymentModelConfigs";
    var _EDO = "EnableDetailedObservability";
    var _EDP = "EdgeDeploymentPending";
    var _EDPA = "EdgeDeploymentPlanArn";
    var _EDPIS = "EdgeDeploymentPendingInStage";
    var _EDPN = "EdgeDeploymentPlanName";
    var _EDPS = "EdgeDeploymentPlanSummary";
    var _EDPSd = "EdgeDeploymentPlanSummaries";
    var _EDS = "EdgeDeploymentSuccess";
    var _EDSIS = "EdgeDeploymentSuccessInStage";
    var _EDSM = "EdgeDeploymentStatusMessage";
    var _EDSST = "EdgeDeploymentStageStartTime";
    var _EDSd = "EdgeDeploymentStatus";
    var _EDn = "EndDate";
    var _EE = "EfaEnis";
    var _EEM = "EnableEnhancedMetrics";
    var _EET = "ExtensionEndTime";
    var _EEn = "EnableExplanations";
    var _EFA = "ExcludeFeaturesAttribute";
    var _EFSFS = "EFSFileSystem";
    var _EFSFSC = "EFSFileSystemConfig";
    var _EI = "EventId";
    var _EIC = "EndpointInputConfiguration";
    var _EICTE = "EnableInterContainerTrafficEncryption";
    var _EICn = "EnableInfraCheck";
    var _EICnd = "EndpointInputConfigurations";
    var _EIRA = "EnableIotRoleAlias";
    var _EIS = "ExpiresInSeconds";
    var _EISBI = "EnableIamSessionBasedIdentity";
    var _EIn = "EndpointInput";
    var _EInd = "EndpointInfo";
    var _EInv = "EnvironmentId";
    var _EIr = "ErrorInfo";
    var _EL = "EventLevel";
    var _EM = "EndpointMetadata";
    var _EMJ = "EnableMultipleJobs";
    var _EMR = "EMR";
    var _EMRSM = "EMRStepMetadata";
    var _EMS = "EdgeModelStat";
    var _EMST = "EnableManagedSpotTraining";
    var _EMSd = "EdgeModelSummary";
    var _EMSdg = "EdgeModelStats";
    var _EMSdge = "EdgeModelSummaries";
    var _EMd = "EdgeModel";
    var _EMdg = "EdgeModels";
    var _EMn = "EnforcementMode";
    var _EMnd = "EndpointMetrics";
    var _EMr = "ErrorMessage";
    var _EMv = "EventMetadata";
    var _EMx = "ExitMessage";
    var _EN = "EndpointName";
    var _ENE = "EndpointNameEquals";
    var _ENI = "EnableNetworkIsolation";
    var _ENx = "ExperimentName";
    var _EOC = "EdgeOutputConfig";
    var _EOCn = "EndpointOutputConfiguration";
    var _EOS = "EnableOnlineStore";
    var _EP = "ExpectedPerformance";
    var _EPDO = "EdgePresetDeploymentOutput";
    var _EPJA = "EdgePackagingJobArn";
    var _EPJN = "EdgePackagingJobName";
    var _EPJS = "EdgePackagingJobStatus";
    var _EPJSM = "EdgePackagingJobStatusMessage";
    var _EPJSd = "EdgePackagingJobSummary";
    var _EPJSdg = "EdgePackagingJobSummaries";
    var _EPL = "ExpectedPerformanceList";
    var _EPR = "EnvironmentParameterRanges";
    var _EPn = "EndpointPerformances";
    var _EPnd = "EndpointPerformance";
    var _EPnv = "EnvironmentParameter";
    var _EPnvi = "EnvironmentParameters";
    var _EPv = "EvaluationPeriod";
    var _ER = "ErrorResponse";
    var _ERA = "ExecutionRoleArn";
    var _ERAE = "EksRoleAccessEntries";
    var _ERARN = "ExecutionRoleARN";
    var _ERAx = "ExecutionRoleArns";
    var _ERD = "EnableRemoteDebug";
    var _ERIC = "ExecutionRoleIdentityConfig";
    var _ERSNM = "ExecutionRoleSessionNameMode";
    var _ERVP = "ExcludeRetainedVariantProperties";
    var _ERx = "ExecutionRole";
    var _ES = "EndpointStatus";
    var _ESCC = "EmrServerlessComputeConfig";
    var _ESL = "EndpointSummaryList";
    var _ESM = "EndpointStepMetadata";
    var _ESMMTS = "EnableSageMakerMetricsTimeSeries";
    var _ESS = "EmrServerlessSettings";
    var _ESSMA = "EnableSSMAccess";
    var _ESSP = "EnableSagemakerServicecatalogPortfolio";
    var _ESSPI = "EnableSagemakerServicecatalogPortfolioInput";
    var _ESSPO = "EnableSagemakerServicecatalogPortfolioOutput";
    var _ESSb = "EbsStorageSettings";
    var _EST = "ExtensionStartTime";
    var _ESTC = "EnableSessionTagChaining";
    var _ESU = "ExpectedS3Url";
    var _ESm = "EmrSettings";
    var _ESn = "EndpointSummary";
    var _ESx = "ExperimentSource";
    var _ESxp = "ExperimentSummary";
    var _ESxpe = "ExperimentSummaries";
    var _ET = "ETag";
    var _ETA = "EventTimeAfter";
    var _ETB = "EventTimeBefore";
    var _ETBn = "EndTimeBefore";
    var _ETFN = "EventTimeFeatureName";
    var _ETIPS = "EffectiveTrustedIdentityPropagationStatus";
    var _ETO = "EndTimeOffset";
    var _ETP = "ExtendTrainingPlan";
    var _ETPR = "ExtendTrainingPlanRequest";
    var _ETPRx = "ExtendTrainingPlanResponse";
    var _ETn = "EndTime";
    var _ETr = "ErrorTopic";
    var _ETv = "EventTime";
    var _ETva = "EvaluationType";
    var _EV = "EnvironmentVariables";
    var _EVC = "EbsVolumeConfig";
    var _EVSIG = "EbsVolumeSizeInGb";
    var _Ed = "Edge";
    var _Edg = "Edges";
    var _Ef = "Effect";
    var _Ek = "Eks";
    var _En = "Endpoint";
    var _Ena = "Enabled";
    var _End = "Endpoints";
    var _Er = "Error";
    var _Err = "Errors";
    var _Ev = "Events";
    var _Ex = "Explainability";
    var _Exp = "Experiment";
    var _F = "Framework";
    var _FA = "FeaturesAttribute";
    var _FALMA = "FinalActiveLearningModelArn";
    var _FAMLJOM = "FinalAutoMLJobObjectiveMetric";
    var _FAe = "FeatureAdditions";
    var _FC = "FailedCount";
    var _FD = "FeatureDefinitions";
    var _FDA = "FlowDefinitionArn";
    var _FDN = "FlowDefinitionName";
    var _FDOC = "FlowDefinitionOutputConfig";
    var _FDS = "FlowDefinitionStatus";
    var _FDSl = "FlowDefinitionSummary";
    var _FDSlo = "FlowDefinitionSummaries";
    var _FDe = "FeatureDefinition";
    var _FF = "ForecastFrequency";
    var _FG = "FeatureGroup";
    var _FGA = "FeatureGroupArn";
    var _FGN = "FeatureGroupName";
    var _FGS = "FeatureGroupStatus";
    var _FGSE = "FeatureGroupStatusEquals";
    var _FGSe = "FeatureGroupSummary";
    var _FGSea = "FeatureGroupSummaries";
    var _FH = "FeatureHeaders";
    var _FHP = "FailureHandlingPolicy";
    var _FHPTJOM = "FinalHyperParameterTuningJobObjectiveMetric";
    var _FHo = "ForecastHorizon";
    var _FI = "FlatInvocations";
    var _FL = "FilterList";
    var _FLC = "FsxLustreConfig";
    var _FM = "FailureMessage";
    var _FMDL = "FinalMetricDataList";
    var _FMe = "FeatureMetadata";
    var _FN = "FeatureName";
    var _FNLI = "FailedNodeLogicalIds";
    var _FNRE = "FailedNonRetryableError";
    var _FOZC = "FsxOpenZfsConfig";
    var _FP = "FeatureParameter";
    var _FPA = "FeatureParameterAdditions";
    var _FPe = "FeatureParameters";
    var _FQ = "ForecastQuantiles";
    var _FR = "FailureReason";
    var _FS = "FileSource";
    var _FSAM = "FileSystemAccessMode";
    var _FSC = "FileSystemConfig";
    var _FSDS = "FileSystemDataSource";
    var _FSI = "FileSystemId";
    var _FSLC = "FSxLustreConfig";
    var _FSLDP = "FSxLustreDeletionPolicy";
    var _FSLFS = "FSxLustreFileSystem";
    var _FSLFSC = "FSxLustreFileSystemConfig";
    var _FSM = "FailStepMetadata";
    var _FSO = "FeatureStoreOutput";
    var _FSP = "FileSystemPath";
    var _FSSU = "FeatureSpecificationS3Uri";
    var _FST = "FileSystemType";
    var _FSW = "FairShareWeight";
    var _FSa = "FairShare";
    var _FT = "FeatureTypes";
    var _FTe = "FeatureType";
    var _FTi = "FillingTransformations";
    var _FV = "FrameworkVersion";
    var _Fa = "Failed";
    var _Fai = "Fail";
    var _Fi = "Filter";
    var _Fil = "Filters";
    var _Fill = "Filling";
    var _G = "Granularity";
    var _GAN = "GroupingAttributeNames";
    var _GAS = "GenerativeAiSettings";
    var _GB = "GeneratedBy";
    var _GC = "GitConfig";
    var _GCDO = "GenerateCandidateDefinitionsOnly";
    var _GCFU = "GitConfigForUpdate";
    var _GDFR = "GetDeviceFleetReport";
    var _GDFRR = "GetDeviceFleetReportRequest";
    var _GDFRRe = "GetDeviceFleetReportResponse";
    var _GII = "GenerateInferenceId";
    var _GLGP = "GetLineageGroupPolicy";
    var _GLGPR = "GetLineageGroupPolicyRequest";
    var _GLGPRe = "GetLineageGroupPolicyResponse";
    var _GMPGP = "GetModelPackageGroupPolicy";
    var _GMPGPI = "GetModelPackageGroupPolicyInput";
    var _GMPGPO = "GetModelPackageGroupPolicyOutput";
    var _GP = "GroupPatterns";
    var _GSCR = "GetScalingConfigurationRecommendation";
    var _GSCRR = "GetScalingConfigurationRecommendationRequest";
    var _GSCRRe = "GetScalingConfigurationRecommendationResponse";
    var _GSS = "GetSearchSuggestions";
    var _GSSPS = "GetSagemakerServicecatalogPortfolioStatus";
    var _GSSPSI = "GetSagemakerServicecatalogPortfolioStatusInput";
    var _GSSPSO = "GetSagemakerServicecatalogPortfolioStatusOutput";
    var _GSSR = "GetSearchSuggestionsRequest";
    var _GSSRe = "GetSearchSuggestionsResponse";
    var _GTSI = "GroundTruthS3Input";
    var _Gi = "Gid";
    var _Gr = "Groups";
    var _H = "Horovod";
    var _HA = "HubArn";
    var _HAC = "HubAccessConfig";
    var _HAT = "HiddenAppTypes";
    var _HC = "HubContent";
    var _HCA = "HubContentArn";
    var _HCAo = "HolidayConfigAttributes";
    var _HCD = "HubContentDocument";
    var _HCDL = "HubContentDependencyList";
    var _HCDN = "HubContentDisplayName";
    var _HCDu = "HubContentDescription";
    var _HCDub = "HubContentDependencies";
    var _HCDubo = "HubContentDependency";
    var _HCI = "HubContentInfo";
    var _HCIL = "HubContentInfoList";
    var _HCM = "HubContentMarkdown";
    var _HCN = "HubContentName";
    var _HCS = "HubContentStatus";
    var _HCSK = "HubContentSearchKeywords";
    var _HCSu = "HubContentSummaries";
    var _HCT = "HubContentType";
    var _HCV = "HubContentVersion";
    var _HCo = "HolidayConfig";
    var _HD = "HubDescription";
    var _HDN = "HubDisplayName";
    var _HEFS = "HomeEfsFileSystem";
    var _HEFSC = "HomeEfsFileSystemCreation";
    var _HEFSI = "HomeEfsFileSystemId";
    var _HEFSKKI = "HomeEfsFileSystemKmsKeyId";
    var _HEFSU = "HomeEfsFileSystemUid";
    var _HI = "HubInfo";
    var _HIL = "HubInfoList";
    var _HIT = "HiddenInstanceTypes";
    var _HL = "HumanLabeled";
    var _HLAC = "HumanLoopActivationConditions";
    var _HLACC = "HumanLoopActivationConditionsConfig";
    var _HLACu = "HumanLoopActivationConfig";
    var _HLC = "HumanLoopConfig";
    var _HLRS = "HumanLoopRequestSource";
    var _HMT = "HiddenMlTools";
    var _HN = "HubName";
    var _HP = "HyperParameters";
    var _HPAS = "HyperParameterAlgorithmSpecification";
    var _HPR = "HyperParameterRanges";
    var _HPS = "HyperParameterSpecification";
    var _HPSy = "HyperParameterSpecifications";
    var _HPTET = "HyperParameterTuningEndTime";
    var _HPTIC = "HyperParameterTuningInstanceConfig";
    var _HPTICy = "HyperParameterTuningInstanceConfigs";
    var _HPTJ = "HyperParameterTuningJob";
    var _HPTJA = "HyperParameterTuningJobArn";
    var _HPTJC = "HyperParameterTuningJobConfig";
    var _HPTJCD = "HyperParameterTuningJobCompletionDetails";
    var _HPTJCR = "HyperParameterTuningJobConsumedResources";
    var _HPTJD = "HyperParameterTrainingJobDefinition";
    var _HPTJDy = "HyperParameterTrainingJobDefinitions";
    var _HPTJN = "HyperParameterTuningJobName";
    var _HPTJO = "HyperParameterTuningJobObjective";
    var _HPTJOy = "HyperParameterTuningJobObjectives";
    var _HPTJS = "HyperParameterTuningJobStatus";
    var _HPTJSC = "HyperParameterTuningJobStrategyConfig";
    var _HPTJSE = "HyperParameterTuningJobSearchEntity";
    var _HPTJSy = "HyperParameterTrainingJobSummary";
    var _HPTJSyp = "HyperParameterTuningJobSummary";
    var _HPTJSype = "HyperParameterTuningJobSummaries";
    var _HPTJSyper = "HyperParameterTrainingJobSummaries";
    var _HPTJWSC = "HyperParameterTuningJobWarmStartConfig";
    var _HPTRC = "HyperParameterTuningResourceConfig";
    var _HPo = "HookParameters";
    var _HS = "HubStatus";
    var _HSC = "HyperbandStrategyConfig";
    var _HSK = "HubSearchKeywords";
    var _HSMI = "HiddenSageMakerImage";
    var _HSMIVA = "HiddenSageMakerImageVersionAliases";
    var _HSMIVAL = "HiddenSageMakerImageVersionAliasesList";
    var _HSSC = "HubS3StorageConfig";
    var _HSe = "HealthStatus";
    var _HSu = "HubSummaries";
    var _HTC = "HumanTaskConfig";
    var _HTUA = "HumanTaskUiArn";
    var _HTUN = "HumanTaskUiName";
    var _HTUS = "HumanTaskUiStatus";
    var _HTUSu = "HumanTaskUiSummary";
    var _HTUSum = "HumanTaskUiSummaries";
    var _He = "Header";
    var _I = "Identifier";
    var _IA = "InferenceAttribute";
    var _IALMA = "InitialActiveLearningModelArn";
    var _IAT = "IpAddressType";
    var _IATR = "InputArtifactsToRemove";
    var _IAU = "IncludeAvailableUpgrade";
    var _IAV = "InferenceAmiVersion";
    var _IAm = "ImageArn";
    var _IAn = "InputArtifacts";
    var _IAns = "InstanceArn";
    var _IAs = "IsActive";
    var _IB = "InferenceBenchmark";
    var _IC = "InferenceComponents";
    var _ICA = "InferenceComponentArn";
    var _ICAZB = "InferenceComponentAvailabilityZoneBalance";
    var _ICC = "InfraCheckConfig";
    var _ICCRR = "InferenceComponentComputeResourceRequirements";
    var _ICCS = "InferenceComponentCapacitySize";
    var _ICCSS = "InferenceComponentContainerSpecificationSummary";
    var _ICCSn = "InferenceComponentContainerSpecification";
    var _ICD = "InferenceContainerDefinitions";
    var _ICDC = "InferenceComponentDeploymentConfig";
    var _ICDCC = "InferenceComponentDataCacheConfig";
    var _ICDCCS = "InferenceComponentDataCacheConfigSummary";
    var _ICI = "IdcConfigInput";
    var _ICJC = "ImageClassificationJobConfig";
    var _ICM = "InferenceComponentMetadata";
    var _ICN = "InferenceComponentName";
    var _ICO = "IdcConfigOutput";
    var _ICPS = "InferenceComponentPlacementStatus";
    var _ICPSL = "InferenceComponentPlacementStatusList";
    var _ICRC = "InferenceComponentRuntimeConfig";
    var _ICRCS = "InferenceComponentRuntimeConfigSummary";
    var _ICRUP = "InferenceComponentRollingUpdatePolicy";
    var _ICS = "InferenceComponentStatus";
    var _ICSC = "InferenceComponentSchedulingConfig";
    var _ICSL = "InferenceComponentSpecificationList";
    var _ICSLn = "InferenceComponentSummaryList";
    var _ICSP = "InferenceComponentStartupParameters";
    var _ICSS = "InferenceComponentSpecificationSummary";
    var _ICSSL = "InferenceComponentSpecificationSummaryList";
    var _ICSn = "InferenceComponentSpecification";
    var _ICSnf = "InferenceComponentSummary";
    var _ICd = "IdcConfig";
    var _ICm = "ImageConfig";
    var _ICn = "InstanceCount";
    var _ICnf = "InferenceContainers";
    var _ICnfe = "InferenceConfig";
    var _ICnfer = "InferenceComponent";
    var _ICnfr = "InfrastructureConfig";
    var _ICnp = "InputConfig";
    var _ICns = "InstanceConfigs";
    var _ICs = "IsCheckpoint";
    var _ID = "InstanceDetails";
    var _IDC = "InputDataConfig";
    var _IDm = "ImageDigest";
    var _IDn = "IncludedData";
    var _IE = "InferenceExperiments";
    var _IEA = "InferenceExperimentArn";
    var _IEC = "InferenceExecutionConfig";
    var _IEDSC = "InferenceExperimentDataStorageConfig";
    var _IEL = "InferenceExperimentList";
    var _IES = "InferenceExperimentSchedule";
    var _IESn = "InferenceExperimentSummary";
    var _IET = "InvocationEndTime";
    var _IEn = "IncludeEdges";
    var _IF = "InputFilter";
    var _IG = "InstanceGroups";
    var _IGHCC = "InstanceGroupHealthCheckConfiguration";
    var _IGM = "InstanceGroupMetadata";
    var _IGN = "InstanceGroupName";
    var _IGNC = "InstanceGroupNameContains";
    var _IGNn = "InstanceGroupNames";
    var _IGS = "InstanceGroupScaling";
    var _IGSM = "InstanceGroupScalingMetadata";
    var _IGTD = "InstanceGroupsToDelete";
    var _IGn = "InstanceGroup";
    var _IHAC = "InferenceHubAccessConfig";
    var _IHC = "ImportHubContent";
    var _IHCR = "ImportHubContentRequest";
    var _IHCRm = "ImportHubContentResponse";
    var _II = "InstanceId";
    var _IIAN = "ItemIdentifierAttributeName";
    var _IIC = "InitialInstanceCount";
    var _IIRI = "IncludeInferenceResponseIn";
    var _IIa = "IamIdentity";
    var _IIm = "ImageId";
    var _IIn = "InferenceImage";
    var _IIns = "InstanceIds";
    var _IM = "InputMode";
    var _IMAP = "InstanceMemoryAllocationPercentage";
    var _IMR = "InvocationsMaxRetries";
    var _IMSC = "InstanceMetadataServiceConfiguration";
    var _IMn = "InferenceMetrics";
    var _IMns = "InstanceMetadata";
    var _IN = "ImageName";
    var _INLI = "IncludeNodeLogicalIds";
    var _INOU = "InitialNumberOfUsers";
    var _INn = "InputName";
    var _IP = "InstancePool";
    var _IPC = "IamPolicyConstraints";
    var _IPCn = "InstancePlacementConfig";
    var _IPI = "InvocationsPerInstance";
    var _IPL = "InstancePoolList";
    var _IPLn = "InstancePreferenceList";
    var _IPOAS = "IdentityProviderOAuthSettings";
    var _IPOASd = "IdentityProviderOAuthSetting";
    var _IPR = "IntegerParameterRange";
    var _IPRS = "IntegerParameterRangeSpecification";
    var _IPRn = "IntegerParameterRanges";
    var _IPS = "InstancePoolSummary";
    var _IPSL = "InstancePoolSummaryList";
    var _IPn = "InstancePreference";
    var _IPnr = "InProgress";
    var _IPns = "InstancePools";
    var _IPnst = "InstancePreferences";
    var _IR = "IsRequired";
    var _IRA = "IotRoleAlias";
    var _IREC = "InstanceRequirementsEniConfigurations";
    var _IRECn = "InstanceRequirementsEniConfiguration";
    var _IRJ = "InferenceRecommendationsJob";
    var _IRJN = "InferenceRecommendationsJobName";
    var _IRJS = "InferenceRecommendationsJobStep";
    var _IRJSn = "InferenceRecommendationsJobSteps";
    var _IRJn = "InferenceRecommendationsJobs";
    var _IRS = "IdleResourceSharing";
    var _IRV = "ImageReleaseVersion";
    var _IRn = "InstanceRequirements";
    var _IRnf = "InferenceRecommendations";
    var _IRnfe = "InferenceRecommendation";
    var _IS = "IdleSettings";
    var _ISC = "InstanceStorageConfigs";
    var _ISN = "InferenceSpecificationName";
    var _ISP = "InitialSamplingPercentage";
    var _ISS = "ImageScanStatuses";
    var _IST = "InvocationStartTime";
    var _ISm = "ImageStatus";
    var _ISn = "InferenceSpecification";
    var _ISns = "InstanceStatus";
    var _IT = "InstanceTypes";
    var _ITCB = "IncrementTargetCountBy";
    var _ITD = "InstanceTypeDetails";
    var _ITIM = "IdleTimeoutInMinutes";
    var _ITIS = "InvocationsTimeoutInSeconds";
    var _ITN = "IotThingName";
    var _ITn = "InstanceType";
    var _ITnf = "InfrastructureType";
    var _ITnt = "InterfaceType";
    var _ITs = "IsTunable";
    var _IU = "ImageUri";
    var _IUIC = "InUseInstanceCount";
    var _IV = "ImageVersion";
    var _IVA = "ImageVersionArn";
    var _IVN = "ImageVersionNumber";
    var _IVS = "ImageVersionStatus";
    var _IVW = "InitialVariantWeight";
    var _IVm = "ImageVersions";
    var _Id = "Id";
    var _Im = "Image";
    var _Ima = "Images";
    var _In = "Input";
    var _Inl = "Inline";
    var _Ins = "Instance";
    var _Is = "Issuer";
    var _J = "Job";
    var _JA = "JobArn";
    var _JC = "JobCategory";
    var _JCD = "JobConfigDocument";
    var _JCS = "JobConfigSchema";
    var _JCSV = "JobConfigSchemaVersion";
    var _JCSVS = "JobConfigSchemaVersionSummary";
    var _JCSo = "JobConfigSchemas";
    var _JCT = "JsonContentTypes";
    var _JD = "JobDescription";
    var _JDA = "JobDefinitionArn";
    var _JDIS = "JobDurationInSeconds";
    var _JDN = "JobDefinitionName";
    var _JDS = "JobDefinitionSummaries";
    var _JLAIC = "JupyterLabAppImageConfig";
    var _JLAS = "JupyterLabAppSettings";
    var _JN = "JobName";
    var _JR = "JobResources";
    var _JRC = "JobReferenceCode";
    var _JRCC = "JobReferenceCodeContains";
    var _JS = "JoinSource";
    var _JSAS = "JupyterServerAppSettings";
    var _JSM = "JobStepMetadata";
    var _JSS = "JobSecondaryStatus";
    var _JSST = "JobSecondaryStatusTransition";
    var _JSSTo = "JobSecondaryStatusTransitions";
    var _JSo = "JobStatus";
    var _JSob = "JobSummary";
    var _JSobu = "JobSummaries";
    var _JT = "JobType";
    var _JU = "JwksUri";
    var _Js = "Json";
    var _K = "Key";
    var _KAPIS = "KeepAlivePeriodInSeconds";
    var _KC = "KubernetesConfig";
    var _KGAS = "KernelGatewayAppSettings";
    var _KGIC = "KernelGatewayImageConfig";
    var _KK = "KmsKey";
    var _KKI = "KmsKeyId";
    var _KS = "KendraSettings";
    var _KSe = "KernelSpecs";
    var _KSer = "KernelSpec";
    var _L = "Language";
    var _LA = "LabelAttribute";
    var _LAI = "ListAlgorithmsInput";
    var _LAIBJ = "ListAIBenchmarkJobs";
    var _LAIBJR = "ListAIBenchmarkJobsRequest";
    var _LAIBJRi = "ListAIBenchmarkJobsResponse";
    var _LAIC = "ListAppImageConfigs";
    var _LAICR = "ListAppImageConfigsRequest";
    var _LAICRi = "ListAppImageConfigsResponse";
    var _LAIRJ = "ListAIRecommendationJobs";
    var _LAIRJR = "ListAIRecommendationJobsRequest";
    var _LAIRJRi = "ListAIRecommendationJobsResponse";
    var _LAIWC = "ListAIWorkloadConfigs";
    var _LAIWCR = "ListAIWorkloadConfigsRequest";
    var _LAIWCRi = "ListAIWorkloadConfigsResponse";
    var _LAMLJ = "ListAutoMLJobs";
    var _LAMLJR = "ListAutoMLJobsRequest";
    var _LAMLJRi = "ListAutoMLJobsResponse";
    var _LAN = "LabelAttributeName";
    var _LAO = "ListAlgorithmsOutput";
    var _LAR = "ListActionsRequest";
    var _LARi = "ListActionsResponse";
    var _LARis = "ListAliasesRequest";
    var _LARist = "ListAliasesResponse";
    var _LARistp = "ListAppsRequest";
    var _LARistpp = "ListAppsResponse";
    var _LARistr = "ListArtifactsRequest";
    var _LARistrt = "ListArtifactsResponse";
    var _LARists = "ListAssociationsRequest";
    var _LARistss = "ListAssociationsResponse";
    var _LAi = "ListActions";
    var _LAis = "ListAlgorithms";
    var _LAist = "ListAliases";
    var _LAistp = "ListApps";
    var _LAistr = "ListArtifacts";
    var _LAists = "ListAssociations";
    var _LBTJ = "LastBatchTransformJob";
    var _LC = "LabelCounters";
    var _LCA = "LifecycleConfigArns";
    var _LCAi = "LifecycleConfigArn";
    var _LCC = "LifeCycleConfig";
    var _LCCSU = "LabelCategoryConfigS3Uri";
    var _LCE = "ListClusterEvents";
    var _LCER = "ListClusterEventsRequest";
    var _LCERi = "ListClusterEventsResponse";
    var _LCFAMLJ = "ListCandidatesForAutoMLJob";
    var _LCFAMLJR = "ListCandidatesForAutoMLJobRequest";
    var _LCFAMLJRi = "ListCandidatesForAutoMLJobResponse";
    var _LCFW = "LabelCountersForWorkteam";
    var _LCJ = "ListCompilationJobs";
    var _LCJR = "ListCompilationJobsRequest";
    var _LCJRi = "ListCompilationJobsResponse";
    var _LCN = "LifecycleConfigName";
    var _LCNR = "ListClusterNodesRequest";
    var _LCNRi = "ListClusterNodesResponse";
    var _LCNi = "ListClusterNodes";
    var _LCQ = "ListComputeQuotas";
    var _LCQR = "ListComputeQuotasRequest";
    var _LCQRi = "ListComputeQuotasResponse";
    var _LCR = "ListClustersRequest";
    var _LCRI = "ListCodeRepositoriesInput";
    var _LCRO = "ListCodeRepositoriesOutput";
    var _LCRi = "ListClustersResponse";
    var _LCRis = "ListContextsRequest";
    var _LCRist = "ListContextsResponse";
    var _LCRisto = "ListCodeRepositories";
    var _LCSC = "ListClusterSchedulerConfigs";
    var _LCSCR = "ListClusterSchedulerConfigsRequest";
    var _LCSCRi = "ListClusterSchedulerConfigsResponse";
    var _LCi = "ListClusters";
    var _LCis = "ListContexts";
    var _LD = "ListDevices";
    var _LDC = "LastDeploymentConfig";
    var _LDF = "ListDeviceFleets";
    var _LDFR = "ListDeviceFleetsRequest";
    var _LDFRi = "ListDeviceFleetsResponse";
    var _LDQJD = "ListDataQualityJobDefinitions";
    var _LDQJDR = "ListDataQualityJobDefinitionsRequest";
    var _LDQJDRi = "ListDataQualityJobDefinitionsResponse";
    var _LDR = "ListDevicesRequest";
    var _LDRi = "ListDevicesResponse";
    var _LDRis = "ListDomainsRequest";
    var _LDRist = "ListDomainsResponse";
    var _LDi = "ListDomains";
    var _LE = "LogoutEndpoint";
    var _LEC = "ListEndpointConfigs";
    var _LECI = "ListEndpointConfigsInput";
    var _LECO = "ListEndpointConfigsOutput";
    var _LEDP = "ListEdgeDeploymentPlans";
    var _LEDPR = "ListEdgeDeploymentPlansRequest";
    var _LEDPRi = "ListEdgeDeploymentPlansResponse";
    var _LEI = "ListEndpointsInput";
    var _LEO = "ListEndpointsOutput";
    var _LEPEA = "LastExecutedPipelineExecutionArn";
    var _LEPEAa = "LastExecutionPipelineExecutionArn";
    var _LEPEDN = "LastExecutedPipelineExecutionDisplayName";
    var _LEPES = "LastExecutedPipelineExecutionStatus";
    var _LEPJ = "ListEdgePackagingJobs";
    var _LEPJR = "ListEdgePackagingJobsRequest";
    var _LEPJRi = "ListEdgePackagingJobsResponse";
    var _LER = "ListExperimentsRequest";
    var _LERi = "ListExperimentsResponse";
    var _LES = "LcsExecutionState";
    var _LET = "LastExecutionTime";
    var _LEi = "ListEndpoints";
    var _LEis = "ListExperiments";
    var _LFD = "ListFlowDefinitions";
    var _LFDR = "ListFlowDefinitionsRequest";
    var _LFDRi = "ListFlowDefinitionsResponse";
    var _LFG = "ListFeatureGroups";
    var _LFGR = "ListFeatureGroupsRequest";
    var _LFGRi = "ListFeatureGroupsResponse";
    var _LFP = "LogFilePath";
    var _LGA = "LogGroupArn";
    var _LGAi = "LineageGroupArn";
    var _LGN = "LineageGroupName";
    var _LGS = "LineageGroupSummary";
    var _LGSi = "LineageGroupSummaries";
    var _LH = "LabelHeaders";
    var _LHA = "LatestHeartbeatAfter";
    var _LHC = "ListHubContents";
    var _LHCR = "ListHubContentsRequest";
    var _LHCRi = "ListHubContentsResponse";
    var _LHCT = "LastHealthCheckTimestamp";
    var _LHCV = "ListHubContentVersions";
    var _LHCVR = "ListHubContentVersionsRequest";
    var _LHCVRi = "ListHubContentVersionsResponse";
    var _LHPTJ = "ListHyperParameterTuningJobs";
    var _LHPTJR = "ListHyperParameterTuningJobsRequest";
    var _LHPTJRi = "ListHyperParameterTuningJobsResponse";
    var _LHR = "ListHubsRequest";
    var _LHRi = "ListHubsResponse";
    var _LHTU = "ListHumanTaskUis";
    var _LHTUR = "ListHumanTaskUisRequest";
    var _LHTURi = "ListHumanTaskUisResponse";
    var _LHa = "LatestHeartbeat";
    var _LHi = "ListHubs";
    var _LI = "LabelIndex";
    var _LIC = "ListInferenceComponents";
    var _LICI = "ListInferenceComponentsInput";
    var _LICO = "ListInferenceComponentsOutput";
    var _LIE = "ListInferenceExperiments";
    var _LIER = "ListInferenceExperimentsRequest";
    var _LIERi = "ListInferenceExperimentsResponse";
    var _LIR = "ListImagesRequest";
    var _LIRJ = "ListInferenceRecommendationsJobs";
    var _LIRJR = "ListInferenceRecommendationsJobsRequest";
    var _LIRJRi = "ListInferenceRecommendationsJobsResponse";
    var _LIRJS = "ListInferenceRecommendationsJobSteps";
    var _LIRJSR = "ListInferenceRecommendationsJobStepsRequest";
    var _LIRJSRi = "ListInferenceRecommendationsJobStepsResponse";
    var _LIRi = "ListImagesResponse";
    var _LIV = "ListImageVersions";
    var _LIVR = "ListImageVersionsRequest";
    var _LIVRi = "ListImageVersionsResponse";
    var _LIa = "LatestInference";
    var _LIi = "ListingId";
    var _LIis = "ListImages";
    var _LJ = "ListJobs";
    var _LJA = "LabelingJobArn";
    var _LJAC = "LabelingJobAlgorithmsConfig";
    var _LJASA = "LabelingJobAlgorithmSpecificationArn";
    var _LJDA = "LabelingJobDataAttributes";
    var _LJDS = "LabelingJobDataSource";
    var _LJFWS = "LabelingJobForWorkteamSummary";
    var _LJFWSL = "LabelingJobForWorkteamSummaryList";
    var _LJIC = "LabelingJobInputConfig";
    var _LJN = "LabelingJobName";
    var _LJO = "LabelingJobOutput";
    var _LJOC = "LabelingJobOutputConfig";
    var _LJR = "ListJobsRequest";
    var _LJRC = "LabelingJobResourceConfig";
    var _LJRi = "ListJobsResponse";
    var _LJS = "LabelingJobStatus";
    var _LJSC = "LabelingJobStoppingConditions";
    var _LJSDS = "LabelingJobS3DataSource";
    var _LJSDSa = "LabelingJobSnsDataSource";
    var _LJSL = "LabelingJobSummaryList";
    var _LJSV = "ListJobSchemaVersions";
    var _LJSVR = "ListJobSchemaVersionsRequest";
    var _LJSVRi = "ListJobSchemaVersionsResponse";
    var _LJSa = "LabelingJobSummary";
    var _LLG = "ListLineageGroups";
    var _LLGR = "ListLineageGroupsRequest";
    var _LLGRi = "ListLineageGroupsResponse";
    var _LLJ = "ListLabelingJobs";
    var _LLJFW = "ListLabelingJobsForWorkteam";
    var _LLJFWR = "ListLabelingJobsForWorkteamRequest";
    var _LLJFWRi = "ListLabelingJobsForWorkteamResponse";
    var _LLJR = "ListLabelingJobsRequest";
    var _LLJRi = "ListLabelingJobsResponse";
    var _LM = "LifecycleManagement";
    var _LMA = "LastModifiedAt";
    var _LMAH = "ListMonitoringAlertHistory";
    var _LMAHR = "ListMonitoringAlertHistoryRequest";
    var _LMAHRi = "ListMonitoringAlertHistoryResponse";
    var _LMAR = "ListMlflowAppsRequest";
    var _LMARi = "ListMlflowAppsResponse";
    var _LMARis = "ListMonitoringAlertsRequest";
    var _LMARist = "ListMonitoringAlertsResponse";
    var _LMAi = "ListMlflowApps";
    var _LMAis = "ListMonitoringAlerts";
    var _LMB = "LastModifiedBy";
    var _LMBJD = "ListModelBiasJobDefinitions";
    var _LMBJDR = "ListModelBiasJobDefinitionsRequest";
    var _LMBJDRi = "ListModelBiasJobDefinitionsResponse";
    var _LMC = "ListModelCards";
    var _LMCEJ = "ListModelCardExportJobs";
    var _LMCEJR = "ListModelCardExportJobsRequest";
    var _LMCEJRi = "ListModelCardExportJobsResponse";
    var _LMCR = "ListModelCardsRequest";
    var _LMCRi = "ListModelCardsResponse";
    var _LMCV = "ListModelCardVersions";
    var _LMCVR = "ListModelCardVersionsRequest";
    var _LMCVRi = "ListModelCardVersionsResponse";
    var _LME = "ListMonitoringExecutions";
    var _LMEJD = "ListModelExplainabilityJobDefinitions";
    var _LMEJDR = "ListModelExplainabilityJobDefinitionsRequest";
    var _LMEJDRi = "ListModelExplainabilityJobDefinitionsResponse";
    var _LMER = "ListMonitoringExecutionsRequest";
    var _LMERi = "ListMonitoringExecutionsResponse";
    var _LMES = "LastMonitoringExecutionSummary";
    var _LMI = "ListModelsInput";
    var _LMM = "ListModelMetadata";
    var _LMMR = "ListModelMetadataRequest";
    var _LMMRi = "ListModelMetadataResponse";
    var _LMO = "ListModelsOutput";
    var _LMP = "ListModelPackages";
    var _LMPG = "ListModelPackageGroups";
    var _LMPGI = "ListModelPackageGroupsInput";
    var _LMPGO = "ListModelPackageGroupsOutput";
    var _LMPI = "ListModelPackagesInput";
    var _LMPO = "ListModelPackagesOutput";
    var _LMQJD = "ListModelQualityJobDefinitions";
    var _LMQJDR = "ListModelQualityJobDefinitionsRequest";
    var _LMQJDRi = "ListModelQualityJobDefinitionsResponse";
    var _LMS = "ListMonitoringSchedules";
    var _LMSR = "ListMonitoringSchedulesRequest";
    var _LMSRi = "ListMonitoringSchedulesResponse";
    var _LMT = "LastModifiedTime";
    var _LMTA = "LastModifiedTimeAfter";
    var _LMTB = "LastModifiedTimeBefore";
    var _LMTS = "ListMlflowTrackingServers";
    var _LMTSR = "ListMlflowTrackingServersRequest";
    var _LMTSRi = "ListMlflowTrackingServersResponse";
    var _LMi = "LineageMetadata";
    var _LMis = "ListModels";
    var _LNI = "ListNotebookInstances";
    var _LNII = "ListNotebookInstancesInput";
    var _LNILC = "ListNotebookInstanceLifecycleConfigs";
    var _LNILCI = "ListNotebookInstanceLifecycleConfigsInput";
    var _LNILCO = "ListNotebookInstanceLifecycleConfigsOutput";
    var _LNIO = "ListNotebookInstancesOutput";
    var _LOJ = "ListOptimizationJobs";
    var _LOJR = "ListOptimizationJobsRequest";
    var _LOJRi = "ListOptimizationJobsResponse";
    var _LP = "LocalPath";
    var _LPA = "ListPartnerApps";
    var _LPAR = "ListPartnerAppsRequest";
    var _LPARi = "ListPartnerAppsResponse";
    var _LPE = "ListPipelineExecutions";
    var _LPER = "ListPipelineExecutionsRequest";
    var _LPERi = "ListPipelineExecutionsResponse";
    var _LPES = "ListPipelineExecutionSteps";
    var _LPESR = "ListPipelineExecutionStepsRequest";
    var _LPESRi = "ListPipelineExecutionStepsResponse";
    var _LPI = "ListProjectsInput";
    var _LPJ = "ListProcessingJobs";
    var _LPJR = "ListProcessingJobsRequest";
    var _LPJRi = "ListProcessingJobsResponse";
    var _LPO = "ListProjectsOutput";
    var _LPPFE = "ListPipelineParametersForExecution";
    var _LPPFER = "ListPipelineParametersForExecutionRequest";
    var _LPPFERi = "ListPipelineParametersForExecutionResponse";
    var _LPR = "ListPipelinesRequest";
    var _LPRi = "ListPipelinesResponse";
    var _LPV = "ListPipelineVersions";
    var _LPVR = "ListPipelineVersionsRequest";
    var _LPVRi = "ListPipelineVersionsResponse";
    var _LPi = "ListPipelines";
    var _LPis = "ListProjects";
    var _LRC = "ListResourceCatalogs";
    var _LRCR = "ListResourceCatalogsRequest";
    var _LRCRi = "ListResourceCatalogsResponse";
    var _LRT = "LastRunTime";
    var _LS = "ListSpaces";
    var _LSD = "ListStageDevices";
    var _LSDR = "ListStageDevicesRequest";
    var _LSDRi = "ListStageDevicesResponse";
    var _LSLC = "ListStudioLifecycleConfigs";
    var _LSLCR = "ListStudioLifecycleConfigsRequest";
    var _LSLCRi = "ListStudioLifecycleConfigsResponse";
    var _LSM = "LambdaStepMetadata";
    var _LSN = "LogStreamName";
    var _LSR = "ListSpacesRequest";
    var _LSRi = "ListSpacesResponse";
    var _LSS = "LinearStepSize";
    var _LST = "LatestSampleTime";
    var _LSUT = "LastSoftwareUpdateTime";
    var _LSW = "ListSubscribedWorkteams";
    var _LSWR = "ListSubscribedWorkteamsRequest";
    var _LSWRi = "ListSubscribedWorkteamsResponse";
    var _LT = "LaunchTime";
    var _LTC = "ListTrialComponents";
    var _LTCR = "ListTrialComponentsRequest";
    var _LTCRi = "ListTrialComponentsResponse";
    var _LTI = "ListTagsInput";
    var _LTJ = "ListTrainingJobs";
    var _LTJFHPTJ = "ListTrainingJobsForHyperParameterTuningJob";
    var _LTJFHPTJR = "ListTrainingJobsForHyperParameterTuningJobRequest";
    var _LTJFHPTJRi = "ListTrainingJobsForHyperParameterTuningJobResponse";
    var _LTJR = "ListTrainingJobsRequest";
    var _LTJRi = "ListTrainingJobsResponse";
    var _LTJRis = "ListTransformJobsRequest";
    var _LTJRist = "ListTransformJobsResponse";
    var _LTJi = "ListTransformJobs";
    var _LTO = "ListTagsOutput";
    var _LTP = "ListTrainingPlans";
    var _LTPR = "ListTrainingPlansRequest";
    var _LTPRi = "ListTrainingPlansResponse";
    var _LTR = "ListTrialsRequest";
    var _LTRi = "ListTrialsResponse";
    var _LTi = "LineageTypes";
    var _LTin = "LineageType";
    var _LTis = "ListTags";
    var _LTist = "ListTrials";
    var _LU = "LandingUri";
    var _LUAT = "LastUserActivityTimestamp";
    var _LUD = "LastUpdatedDate";
    var _LUP = "ListUserProfiles";
    var _LUPR = "ListUserProfilesRequest";
    var _LUPRi = "ListUserProfilesResponse";
    var _LUS = "LastUpdateStatus";
    var _LUSBRC = "ListUltraServersByReservedCapacity";
    var _LUSBRCR = "ListUltraServersByReservedCapacityRequest";
    var _LUSBRCRi = "ListUltraServersByReservedCapacityResponse";
    var _LW = "ListWorkforces";
    var _LWR = "ListWorkforcesRequest";
    var _LWRi = "ListWorkforcesResponse";
    var _LWRis = "ListWorkteamsRequest";
    var _LWRist = "ListWorkteamsResponse";
    var _LWi = "ListWorkteams";
    var _La = "Labels";
    var _Lam = "Lambda";
    var _Las = "Last";
    var _Li = "Line";
    var _Lin = "Lineage";
    var _M = "Message";
    var _MA = "ModelArn";
    var _MAA = "MonitoringAlertActions";
    var _MAC = "ModelAccessConfig";
    var _MAH = "MonitoringAlertHistory";
    var _MAHL = "MonitoringAlertHistoryList";
    var _MAHS = "MonitoringAlertHistorySummary";
    var _MAMLJRIS = "MaxAutoMLJobRuntimeInSeconds";
    var _MAN = "MonitoringAlertName";
    var _MAS = "ModelApprovalStatus";
    var _MASL = "MonitoringAlertSummaryList";
    var _MASl = "MlflowAppSummary";
    var _MASlf = "MlflowAppSummaries";
    var _MASo = "MonitoringAlertSummaries";
    var _MASon = "MonitoringAlertSummary";
    var _MASoni = "MonitoringAppSpecification";
    var _MAo = "ModelArtifacts";
    var _MAod = "ModelArtifact";
    var _MAodi = "ModifiedAfter";
    var _MB = "ModifiedBefore";
    var _MBAS = "ModelBiasAppSpecification";
    var _MBBC = "ModelBiasBaselineConfig";
    var _MBC = "MonitoringBaselineConfig";
    var _MBJI = "ModelBiasJobInput";
    var _MBJOC = "ModelBiasJobOutputConfig";
    var _MBS = "MaximumBatchSize";
    var _MC = "MlflowConfig";
    var _MCA = "ModelCardArn";
    var _MCC = "ModelCardContent";
    var _MCCo = "ModelClientConfig";
    var _MCCod = "ModelCompilationConfig";
    var _MCCon = "MonitoringClusterConfig";
    var _MCDF = "MonitoringCsvDatasetFormat";
    var _MCEA = "ModelCardExportArtifacts";
    var _MCEJA = "ModelCardExportJobArn";
    var _MCEJN = "ModelCardExportJobName";
    var _MCEJNC = "ModelCardExportJobNameContains";
    var _MCEJS = "ModelCardExportJobSummaries";
    var _MCEJSL = "ModelCardExportJobSummaryList";
    var _MCEJSo = "ModelCardExportJobSummary";
    var _MCEOC = "ModelCardExportOutputConfig";
    var _MCIPI = "MaxConcurrentInvocationsPerInstance";
    var _MCMRIM = "MinCpuMemoryRequiredInMb";
    var _MCN = "ModelCardName";
    var _MCPS = "ModelCardProcessingStatus";
    var _MCR = "MonitoringConstraintsResource";
    var _MCS = "ModelCardStatus";
    var _MCSC = "ModelCardSecurityConfig";
    var _MCSL = "ModelCardSummaryList";
    var _MCSo = "ModelCardSummaries";
    var _MCSod = "ModelCardSummary";
    var _MCSode = "ModelCacheSetting";
    var _MCT = "MaxConcurrentTransforms";
    var _MCTC = "MaxConcurrentTaskCount";
    var _MCV = "ModelCardVersion";
    var _MCVS = "ModelCardVersionSummary";
    var _MCVSL = "ModelCardVersionSummaryList";
    var _MCa = "MaxCandidates";
    var _MCai = "MaintenanceConfig";
    var _MCan = "ManagedConfiguration";
    var _MCax = "MaxCapacity";
    var _MCaxo = "MaxConcurrency";
    var _MCe = "MetricsConfig";
    var _MCi = "MinCount";
    var _MCin = "MinCapacity";
    var _MCo = "ModelConfigs";
    var _MCod = "ModelCard";
    var _MCode = "ModelConfiguration";
    var _MD = "ModelDetails";
    var _MDC = "ModelDeployConfig";
    var _MDDTIS = "ModelDataDownloadTimeoutInSeconds";
    var _MDE = "ModelDashboardEndpoint";
    var _MDET = "ModelDataETag";
    var _MDEo = "ModelDashboardEndpoints";
    var _MDF = "MonitoringDatasetFormat";
    var _MDI = "ModelDashboardIndicator";
    var _MDIA = "ModelDashboardIndicatorAction";
    var _MDL = "MetricDataList";
    var _MDLe = "MetricDefinitionList";
    var _MDM = "ModelDashboardModel";
    var _MDMC = "ModelDashboardModelCard";
    var _MDMS = "ModelDashboardMonitoringSchedule";
    var _MDMSo = "ModelDashboardMonitoringSchedules";
    var _MDQ = "ModelDataQuality";
    var _MDR = "ModelDeployResult";
    var _MDS = "ModelDataSource";
    var _MDU = "ModelDataUrl";
    var _MDa = "MaxDepth";
    var _MDar = "MarketplaceDescription";
    var _MDe = "MetricDefinitions";
    var _MDem = "MemberDefinitions";
    var _MDemb = "MemberDefinition";
    var _MDet = "MetricData";
    var _MDetr = "MetricDatum";
    var _MDetri = "MetricDefinition";
    var _MDl = "MlflowDetails";
    var _MDo = "ModelDigests";
    var _ME = "MetricsEndpoints";
    var _MEAS = "ModelExplainabilityAppSpecification";
    var _MEBC = "ModelExplainabilityBaselineConfig";
    var _MEI = "MlflowExperimentId";
    var _MEJI = "ModelExplainabilityJobInput";
    var _MEJOC = "ModelExplainabilityJobOutputConfig";
    var _MEL = "MetricsEndpointList";
    var _MEN = "MlflowExperimentName";
    var _MEP = "MetricsEndpointPath";
    var _MES = "MonitoringExecutionSummaries";
    var _MESL = "MonitoringExecutionSummaryList";
    var _MESo = "MonitoringExecutionSummary";
    var _MESon = "MonitoringExecutionStatus";
    var _METIS = "MaximumExecutionTimeoutInSeconds";
    var _MEVSIG = "MaximumEbsVolumeSizeInGb";
    var _MEa = "ManifestEtag";
    var _MEax = "MaxEpoch";
    var _MEe = "MetricsEndpoint";
    var _MGTSI = "MonitoringGroundTruthS3Input";
    var _MH = "ModelHandle";
    var _MHLOC = "MaxHumanLabeledObjectCount";
    var _MI = "ModelInsights";
    var _MIC = "MinInstanceCount";
    var _MICa = "MaxInstanceCount";
    var _MICo = "ModelInfrastructureConfig";
    var _MIGB = "MemoryInGiB";
    var _MIMSV = "MinimumInstanceMetadataServiceVersion";
    var _MIPM = "MinInvocationsPerMinute";
    var _MIPMa = "MaxInvocationsPerMinute";
    var _MIS = "ManagedInstanceScaling";
    var _MITIM = "MinIdleTimeoutInMinutes";
    var _MITIMa = "MaxIdleTimeoutInMinutes";
    var _MIa = "MaxImbalance";
    var _MIax = "MaxInvocations";
    var _MIo = "ModelId";
    var _MIod = "ModelInput";
    var _MIon = "MonitoringInput";
    var _MIoni = "MonitoringInputs";
    var _MJD = "MonitoringJobDefinition";
    var _MJDA = "MonitoringJobDefinitionArn";
    var _MJDF = "MonitoringJsonDatasetFormat";
    var _MJDN = "MonitoringJobDefinitionName";
    var _MJDS = "MonitoringJobDefinitionSummary";
    var _MJDSL = "MonitoringJobDefinitionSummaryList";
    var _ML = "ModelLatency";
    var _MLC = "ModelLifeCycle";
    var _MLCf = "MLflowConfig";
    var _MLCfl = "MLflowConfiguration";
    var _MLF = "MLFramework";
    var _MLT = "ModelLatencyThreshold";
    var _MLTo = "ModelLatencyThresholds";
    var _MLa = "MachineLabeled";
    var _MM = "ModelMetrics";
    var _MMC = "MultiModelConfig";
    var _MMF = "ModelMetadataFilter";
    var _MMFo = "ModelMetadataFilters";
    var _MMRIM = "MinMemoryRequiredInMb";
    var _MMRIMa = "MaxMemoryRequiredInMb";
    var _MMS = "ModelMetadataSummaries";
    var _MMSE = "ModelMetadataSearchExpression";
    var _MMSo = "ModelMetadataSummary";
    var _MMa = "MaxModels";
    var _MN = "MetricName";
    var _MNC = "ModelNameContains";
    var _MNCo = "MonitoringNetworkConfig";
    var _MNE = "ModelNameEquals";
    var _MNO = "ModelNameOverride";
    var _MNOT = "MaxNumberOfTests";
    var _MNOTJ = "MaxNumberOfTrainingJobs";
    var _MNOTJNI = "MaxNumberOfTrainingJobsNotImproving";
    var _MNo = "MountName";
    var _MNod = "ModelName";
    var _MO = "MonitoringOutput";
    var _MOC = "MonitoringOutputConfig";
    var _MOo = "MonitoringOutputs";
    var _MP = "MountPath";
    var _MPA = "ModelPackageArn";
    var _MPAL = "ModelPackageArnList";
    var _MPAo = "ModelPackageArns";
    var _MPC = "ModelPackageConfig";
    var _MPCD = "ModelPackageContainerDefinition";
    var _MPCDL = "ModelPackageContainerDefinitionList";
    var _MPD = "ModelPackageDescription";
    var _MPDF = "MonitoringParquetDatasetFormat";
    var _MPES = "MaxParallelExecutionSteps";
    var _MPFIS = "MetricPublishFrequencyInSeconds";
    var _MPG = "ModelPackageGroup";
    var _MPGA = "ModelPackageGroupArn";
    var _MPGD = "ModelPackageGroupDescription";
    var _MPGI = "ModelPackageGroupIdentifier";
    var _MPGN = "ModelPackageGroupName";
    var _MPGS = "ModelPackageGroupStatus";
    var _MPGSL = "ModelPackageGroupSummaryList";
    var _MPGSo = "ModelPackageGroupSummary";
    var _MPIMB = "MaxPayloadInMB";
    var _MPMC = "ModelPackageModelCard";
    var _MPN = "ModelPackageName";
    var _MPOIDL = "MaxPercentageOfInputDatasetLabeled";
    var _MPOT = "MaxParallelOfTests";
    var _MPRT = "ModelPackageRegistrationType";
    var _MPS = "ModelPackageSummaries";
    var _MPSC = "ModelPackageSecurityConfig";
    var _MPSD = "ModelPackageStatusDetails";
    var _MPSI = "ModelPackageStatusItem";
    var _MPSIL = "ModelPackageStatusItemList";
    var _MPSL = "ModelPackageSummaryList";
    var _MPSo = "ModelPackageStatus";
    var _MPSod = "ModelPackageSummary";
    var _MPT = "ModelPackageType";
    var _MPTIS = "MaxPendingTimeInSeconds";
    var _MPTJ = "MaxParallelTrainingJobs";
    var _MPV = "ModelPackageVersion";
    var _MPVA = "ModelPackageVersionArn";
    var _MPVAE = "ModelPackageVersionArnEquals";
    var _MPVP = "ModelPackageValidationProfile";
    var _MPVPo = "ModelPackageValidationProfiles";
    var _MPVS = "ModelPackageValidationSpecification";
    var _MPe = "MetadataProperties";
    var _MPo = "ModelPackage";
    var _MQ = "ModelQuality";
    var _MQAS = "ModelQualityAppSpecification";
    var _MQBC = "ModelQualityBaselineConfig";
    var _MQC = "ModelQuantizationConfig";
    var _MQJI = "ModelQualityJobInput";
    var _MQJOC = "ModelQualityJobOutputConfig";
    var _MR = "MaxResults";
    var _MRA = "MlReservationArns";
    var _MRAa = "MaximumRetryAttempts";
    var _MRAl = "MlflowResourceArn";
    var _MRAle = "MlReservationArn";
    var _MRC = "MaxRecordCount";
    var _MRI = "MlflowRunId";
    var _MRIS = "MaxRuntimeInSeconds";
    var _MRM = "ModelRegistrationMode";
    var _MRN = "MlflowRunName";
    var _MRPTJIS = "MaxRuntimePerTrainingJobInSeconds";
    var _MRS = "ModelRegisterSettings";
    var _MRa = "MaxResource";
    var _MRi = "MinResource";
    var _MRo = "MonitoringResources";
    var _MS = "ModelSource";
    var _MSA = "MonitoringScheduleArn";
    var _MSC = "MonitoringScheduleConfig";
    var _MSCo = "ModelShardingConfig";
    var _MSCon = "MonitoringStoppingCondition";
    var _MSDC = "ModelSpeculativeDecodingConfig";
    var _MSDTDS = "ModelSpeculativeDecodingTrainingDataSource";
    var _MSIMB = "MemorySizeInMB";
    var _MSL = "ModelSummaryList";
    var _MSLo = "MonitoringScheduleList";
    var _MSM = "ModelStepMetadata";
    var _MSN = "MonitoringScheduleName";
    var _MSO = "MonitoringS3Output";
    var _MSR = "MonitoringStatisticsResource";
    var _MSS = "MonitoringScheduleStatus";
    var _MSSL = "MonitoringScheduleSummaryList";
    var _MSSa = "MaximumStepSize";
    var _MSSo = "MonitoringScheduleSummaries";
    var _MSSon = "MonitoringScheduleSummary";
    var _MST = "ManagedStorageType";
    var _MSTo = "ModelSetupTime";
    var _MSU = "ManifestS3Uri";
    var _MSV = "MaxSchemaVersion";
    var _MSa = "MaintenanceStatus";
    var _MSe = "MetricsSource";
    var _MSet = "MetricSpecification";
    var _MSo = "ModelSignature";
    var _MSod = "ModelStats";
    var _MSode = "ModelSummary";
    var _MSon = "MonitoringSchedules";
    var _MSoni = "MonitoringSchedule";
    var _MT = "MimeType";
    var _MTA = "ModifiedTimeAfter";
    var _MTB = "ModifiedTimeBefore";
    var _MTE = "MonitoringTypeEquals";
    var _MTa = "MarketplaceTitle";
    var _MTe = "MediaType";
    var _MTo = "MonitoringType";
    var _MU = "MemoryUtilization";
    var _MV = "MinValue";
    var _MVA = "ModelVariantActions";
    var _MVC = "ModelVariantConfig";
    var _MVCL = "ModelVariantConfigList";
    var _MVCS = "ModelVariantConfigSummary";
    var _MVCSL = "ModelVariantConfigSummaryList";
    var _MVa = "MaxValue";
    var _MVi = "MinVersion";
    var _MVl = "MlflowVersion";
    var _MVo = "ModelVersion";
    var _MVod = "ModelVariants";
    var _MWS = "MaintenanceWindowStart";
    var _MWTIS = "MaxWaitTimeInSeconds";
    var _Ma = "Max";
    var _Me = "Metric";
    var _Met = "Metrics";
    var _Meta = "Metadata";
    var _Mi = "Min";
    var _Mo = "Mode";
    var _Mod = "Models";
    var _Mode = "Model";
    var _N = "Name";
    var _NAR = "NodeAdditionResult";
    var _NARL = "NodeAdditionResultList";
    var _NC = "NotificationConfig";
    var _NCa = "NameContains";
    var _NCe = "NetworkConfig";
    var _NCo = "NotificationConfiguration";
    var _ND = "NodeDetails";
    var _NF = "NestedFilters";
    var _NFL = "NestedFiltersList";
    var _NI = "NodeId";
    var _NIA = "NotebookInstanceArn";
    var _NII = "NetworkInterfaceId";
    var _NILC = "NotebookInstanceLifecycleConfigs";
    var _NILCA = "NotebookInstanceLifecycleConfigArn";
    var _NILCL = "NotebookInstanceLifecycleConfigList";
    var _NILCN = "NotebookInstanceLifecycleConfigName";
    var _NILCNC = "NotebookInstanceLifecycleConfigNameContains";
    var _NILCS = "NotebookInstanceLifecycleConfigSummary";
    var _NILCSL = "NotebookInstanceLifecycleConfigSummaryList";
    var _NILH = "NotebookInstanceLifecycleHook";
    var _NIN = "NotebookInstanceName";
    var _NIS = "NotebookInstanceStatus";
    var _NISL = "NotebookInstanceSummaryList";
    var _NISo = "NotebookInstanceSummary";
    var _NIe = "NetworkInterface";
    var _NIo = "NodeIds";
    var _NIot = "NotebookInstances";
    var _NLI = "NodeLogicalId";
    var _NLIo = "NodeLogicalIds";
    var _NMN = "NearestModelName";
    var _NOADR = "NumberOfAcceleratorDevicesRequired";
    var _NOCCR = "NumberOfCpuCoresRequired";
    var _NOHWPDO = "NumberOfHumanWorkersPerDataObject";
    var _NOO = "NotebookOutputOption";
    var _NOS = "NumberOfSamples";
    var _NOSu = "NumberOfSteps";
    var _NOTJONI = "NumberOfTrainingJobsObjectiveNotImproving";
    var _NPD = "NextPatchDate";
    var _NPM = "NodeProvisioningMode";
    var _NPN = "NestedPropertyName";
    var _NR = "NodeRecovery";
    var _NRE = "NonRetryableError";
    var _NT = "NodeType";
    var _NTA = "NodesToAdd";
    var _NTAo = "NotificationTopicArn";
    var _NTe = "NextToken";
    var _NV = "NumberValue";
    var _NVC = "NeoVpcConfig";
    var _Na = "Namespace";
    var _O = "Outcome";
    var _OA = "OutputArtifacts";
    var _OATR = "OutputArtifactsToRemove";
    var _OBTJ = "OverallBestTrainingJob";
    var _OC = "OptimizationConfig";
    var _OCFR = "OidcConfigForResponse";
    var _OCT = "OriginalCreationTime";
    var _OCi = "OidcConfig";
    var _OCn = "OnCreate";
    var _OCp = "OptimizationConfigs";
    var _OCpt = "OptimizationContains";
    var _OCu = "OutputConfig";
    var _OCut = "OutputCompression";
    var _OD = "OptimizationDetails";
    var _ODC = "OutputDataConfig";
    var _ODCf = "OfflineDeviceCount";
    var _ODSU = "OutputDatasetS3Uri";
    var _ODn = "OnDemand";
    var _OE = "OptimizationEnvironment";
    var _OET = "OptimizationEndTime";
    var _OEv = "OverrideEnvironment";
    var _OF = "OutputFormat";
    var _OFu = "OutputFilter";
    var _OIC = "OnInitComplete";
    var _OJA = "OptimizationJobArn";
    var _OJMS = "OptimizationJobModelSource";
    var _OJMSS = "OptimizationJobModelSourceS3";
    var _OJN = "OptimizationJobName";
    var _OJOC = "OptimizationJobOutputConfig";
    var _OJS = "OptimizationJobStatus";
    var _OJSp = "OptimizationJobSummaries";
    var _OJSpt = "OptimizationJobSummary";
    var _OK = "ObjectKey";
    var _OM = "OptimizeModel";
    var _OMAC = "OptimizationModelAccessConfig";
    var _OMD = "OidcMemberDefinition";
    var _OMPA = "OutputModelPackageArn";
    var _ON = "OutputName";
    var _OO = "OptimizationOutput";
    var _OP = "OutputParameters";
    var _OPL = "OutputParameterList";
    var _OPu = "OutputParameter";
    var _OS = "ObjectiveStatus";
    var _OSC = "OnlineStoreConfig";
    var _OSCU = "OnlineStoreConfigUpdate";
    var _OSCb = "ObjectiveStatusCounters";
    var _OSCf = "OfflineStoreConfig";
    var _OSDHC = "OnStartDeepHealthChecks";
    var _OSMM = "OptimizationSageMakerModel";
    var _OSS = "OfflineStoreStatus";
    var _OSSC = "OnlineStoreSecurityConfig";
    var _OSSE = "OfflineStoreStatusEquals";
    var _OSSw = "OwnershipSettingsSummary";
    var _OST = "OptimizationStartTime";
    var _OSTSB = "OnlineStoreTotalSizeBytes";
    var _OSU = "OutputS3Uri";
    var _OSn = "OnStart";
    var _OSw = "OwnershipSettings";
    var _OT = "OptimizationType";
    var _OTp = "OptimizationTypes";
    var _OUPN = "OwnerUserProfileName";
    var _OVC = "OverrideVpcConfig";
    var _OVCp = "OptimizationVpcConfig";
    var _Op = "Operator";
    var _Or = "Orchestrator";
    var _Os = "Os";
    var _Ou = "Outputs";
    var _P = "Parameters";
    var _PA = "ProbabilityAttribute";
    var _PAC = "PartnerAppConfig";
    var _PAI = "ProvisioningArtifactId";
    var _PAMC = "PartnerAppMaintenanceConfig";
    var _PAPSU = "PostAnalyticsProcessorSourceUri";
    var _PARC = "PrefixAwareRoutingConfig";
    var _PAS = "PartnerAppSummary";
    var _PASa = "PartnerAppSummaries";
    var _PAa = "ParameterAdditions";
    var _PAi = "PipelineArn";
    var _PAr = "ProjectArn";
    var _PC = "PrimaryContainer";
    var _PCC = "ProcessingClusterConfig";
    var _PCFU = "ProfilerConfigForUpdate";
    var _PCL = "PriorityClassList";
    var _PCa = "ParallelismConfiguration";
    var _PCay = "PayloadConfig";
    var _PCr = "ProfilerConfig";
    var _PCri = "PriorityClass";
    var _PCrio = "PriorityClasses";
    var _PCro = "ProvisionedConcurrency";
    var _PD = "PipelineDefinition";
    var _PDC = "PresetDeploymentConfig";
    var _PDH = "PrivateDnsHostname";
    var _PDN = "PipelineDisplayName";
    var _PDO = "PresetDeploymentOutput";
    var _PDS = "PendingDeploymentSummary";
    var _PDSL = "PipelineDefinitionS3Location";
    var _PDT = "PresetDeploymentType";
    var _PDi = "PipelineDescription";
    var _PDr = "ProjectDescription";
    var _PE = "PipelineExecution";
    var _PEA = "PipelineExecutionArn";
    var _PEC = "PipelineExperimentConfig";
    var _PED = "PipelineExecutionDescription";
    var _PEDN = "PipelineExecutionDisplayName";
    var _PEFR = "PipelineExecutionFailureReason";
    var _PES = "PipelineExecutionStatus";
    var _PESL = "PipelineExecutionStepList";
    var _PESLi = "PipelineExecutionSummaryList";
    var _PESM = "PipelineExecutionStepMetadata";
    var _PESi = "PipelineExecutionSummaries";
    var _PESip = "PipelineExecutionSteps";
    var _PESipe = "PipelineExecutionStep";
    var _PESipel = "PipelineExecutionSummary";
    var _PET = "ProcessingEndTime";
    var _PFM = "PartialFailureMessage";
    var _PFR = "PartialFailureReasons";
    var _PFSO = "ProcessingFeatureStoreOutput";
    var _PH = "PendingHuman";
    var _PHPTJ = "ParentHyperParameterTuningJobs";
    var _PHPTJa = "ParentHyperParameterTuningJob";
    var _PHTLA = "PreHumanTaskLambdaArn";
    var _PI = "ProbabilityIndex";
    var _PIIM = "ProfilingIntervalInMilliseconds";
    var _PIP = "ProcessingInstancePreference";
    var _PIPL = "ProcessingInstancePreferenceList";
    var _PIa = "PathId";
    var _PIl = "PlatformIdentifier";
    var _PIr = "ProcessingInputs";
    var _PIri = "PrincipalId";
    var _PIro = "ProjectId";
    var _PIroc = "ProcessingInput";
    var _PIrod = "ProductId";
    var _PIrog = "ProgressInfo";
    var _PJ = "ProcessingJob";
    var _PJA = "ProcessingJobArn";
    var _PJN = "ProcessingJobName";
    var _PJS = "ProcessingJobStatus";
    var _PJSM = "ProcessingJobStepMetadata";
    var _PJSr = "ProcessingJobSummaries";
    var _PJSro = "ProcessingJobSummary";
    var _PL = "ProgrammingLang";
    var _PLI = "ProductListingIds";
    var _PLa = "ParameterList";
    var _PLr = "PrefixLength";
    var _PMPGP = "PutModelPackageGroupPolicy";
    var _PMPGPI = "PutModelPackageGroupPolicyInput";
    var _PMPGPO = "PutModelPackageGroupPolicyOutput";
    var _PMS = "PredefinedMetricSpecification";
    var _PMT = "PredefinedMetricType";
    var _PN = "ProfileName";
    var _PNH = "PropertyNameHint";
    var _PNP = "PipelineNamePrefix";
    var _PNQ = "PropertyNameQuery";
    var _PNS = "PropertyNameSuggestions";
    var _PNSL = "PropertyNameSuggestionList";
    var _PNSr = "PropertyNameSuggestion";
    var _PNa = "PartitionNames";
    var _PNi = "PipelineName";
    var _PNr = "ProjectName";
    var _PNro = "PropertyName";
    var _PO = "ProcessingOutput";
    var _POC = "ProcessingOutputConfig";
    var _POr = "ProcessingOutputs";
    var _PP = "PipelineParameters";
    var _PPI = "PrivatePrimaryIp";
    var _PPIr = "PrivatePrimaryIpv6";
    var _PPIro = "ProvisionedProductId";
    var _PPSM = "ProvisionedProductStatusMessage";
    var _PPVS = "PendingProductionVariantSummary";
    var _PPVSL = "PendingProductionVariantSummaryList";
    var _PPr = "ProfilingParameters";
    var _PPro = "ProvisioningParameter";
    var _PProv = "ProvisioningParameters";
    var _PR = "ProcessingResources";
    var _PRC = "ProfilerRuleConfigurations";
    var _PRCU = "ProvisionedReadCapacityUnits";
    var _PRCr = "ProfilerRuleConfiguration";
    var _PRES = "ProfilerRuleEvaluationStatuses";
    var _PRESr = "ProfilerRuleEvaluationStatus";
    var _PRa = "ParameterRanges";
    var _PRar = "ParameterRange";
    var _PRara = "ParameterRemovals";
    var _PS = "PatchingStrategy";
    var _PSC = "ProcessingStoppingCondition";
    var _PSI = "ProcessingS3Input";
    var _PSL = "ProjectSummaryList";
    var _PSLi = "PipelineSummaryList";
    var _PSO = "ProcessingS3Output";
    var _PSP = "ProjectS3Path";
    var _PST = "ProcessingStartTime";
    var _PSa = "PatchSchedule";
    var _PSay = "PaymentStatus";
    var _PSi = "PipelineStatus";
    var _PSip = "PipelineSummaries";
    var _PSipe = "PipelineSummary";
    var _PSl = "PlacementStatus";
    var _PSla = "PlacementStrategy";
    var _PSlac = "PlacementSpecifications";
    var _PSlace = "PlacementSpecification";
    var _PSr = "ProjectStatus";
    var _PSri = "PrimaryStatus";
    var _PSro = "ProfilingStatus";
    var _PSroj = "ProjectSummary";
    var _PT = "PerformanceTarget";
    var _PTA = "ProbabilityThresholdAttribute";
    var _PTC = "PreTrainingConstraints";
    var _PTCo = "PostTrainingConstraints";
    var _PTR = "PreTrainingReport";
    var _PTRa = "ParametersToRemove";
    var _PTRo = "PostTrainingReport";
    var _PTRr = "PropertiesToRemove";
    var _PTT = "PreemptTeamTasks";
    var _PTr = "ProblemType";
    var _PUAC = "PresignedUrlAccessConfig";
    var _PUST = "PerUnitStorageThroughput";
    var _PV = "ProductionVariants";
    var _PVCDC = "ProductionVariantCoreDumpConfig";
    var _PVCRC = "ProductionVariantCapacityReservationConfig";
    var _PVCRS = "ProductionVariantCapacityReservationSummary";
    var _PVD = "PipelineVersionDescription";
    var _PVDN = "PipelineVersionDisplayName";
    var _PVI = "PipelineVersionId";
    var _PVL = "ProductionVariantList";
    var _PVMIS = "ProductionVariantManagedInstanceScaling";
    var _PVMISSIP = "ProductionVariantManagedInstanceScalingScaleInPolicy";
    var _PVRC = "ProductionVariantRoutingConfig";
    var _PVS = "PipelineVersionSummaries";
    var _PVSC = "ProductionVariantServerlessConfig";
    var _PVSL = "PipelineVersionSummaryList";
    var _PVSLr = "ProductionVariantStatusList";
    var _PVSLro = "ProductionVariantSummaryList";
    var _PVSUC = "ProductionVariantServerlessUpdateConfig";
    var _PVSi = "PipelineVersionSummary";
    var _PVSr = "ProductionVariantStatus";
    var _PVSro = "ProductionVariantSummary";
    var _PVi = "PipelineVersion";
    var _PVr = "ProductionVariant";
    var _PWCU = "ProvisionedWriteCapacityUnits";
    var _PWTP = "PublicWorkforceTaskPrice";
    var _Pa = "Parquet";
    var _Par = "Parameter";
    var _Pare = "Parent";
    var _Paren = "Parents";
    var _Pe = "Percentage";
    var _Pef = "Peft";
    var _Pen = "Pending";
    var _Per = "Percentile";
    var _Ph = "Phase";
    var _Pha = "Phases";
    var _Pi = "Pipeline";
    var _Pl = "Placement";
    var _Pr = "Properties";
    var _Pre = "Predefined";
    var _Pri = "Priority";
    var _Pro = "Processor";
    var _Proj = "Project";
    var _QC = "QualityCheck";
    var _QCSM = "QualityCheckStepMetadata";
    var _QF = "QueryFilters";
    var _QL = "QueryLineage";
    var _QLR = "QueryLineageRequest";
    var _QLRu = "QueryLineageResponse";
    var _QPA = "QProfileArn";
    var _QS = "QueryString";
    var _R = "Report";
    var _RA = "ResourceArn";
    var _RAC = "RepositoryAuthConfig";
    var _RAM = "RepositoryAccessMode";
    var _RARN = "RoleARN";
    var _RAVP = "RetainAllVariantProperties";
    var _RAe = "ResolvedAttributes";
    var _RAem = "RemoteAccess";
    var _RAo = "RoleArn";
    var _RAoo = "RootAccess";
    var _RBJ = "ReusedByJob";
    var _RC = "RuntimeConfig";
    var _RCA = "ReservedCapacityArn";
    var _RCAe = "ResourceCatalogArn";
    var _RCFU = "ResourceConfigForUpdate";
    var _RCL = "ResourceCatalogList";
    var _RCN = "RuleConfigurationName";
    var _RCNe = "ResourceCatalogName";
    var _RCO = "ReservedCapacityOffering";
    var _RCOe = "ReservedCapacityOfferings";
    var _RCPA = "RepositoryCredentialsProviderArn";
    var _RCS = "ReservedCapacitySummaries";
    var _RCSe = "ReservedCapacitySummary";
    var _RCT = "ReservedCapacityType";
    var _RCe = "ResourceConfig";
    var _RCen = "RenderedContent";
    var _RCes = "ResourceCatalogs";
    var _RCeso = "ResourceCatalog";
    var _RCo = "RoutingConfig";
    var _RD = "RecommendationDescription";
    var _RDC = "RemoteDebugConfig";
    var _RDCFU = "RemoteDebugConfigForUpdate";
    var _RDCe = "RegisteredDeviceCount";
    var _RDCet = "RetainDeploymentConfig";
    var _RDD = "RedshiftDatasetDefinition";
    var _RDP = "RollingDeploymentPolicy";
    var _RDR = "RegisterDevicesRequest";
    var _RDe = "RegisterDevices";
    var _RDo = "RootlessDocker";
    var _RE = "RenderingError";
    var _REI = "RuleEvaluatorImage";
    var _REJA = "RuleEvaluationJobArn";
    var _REL = "RenderingErrorList";
    var _RES = "RuleEvaluationStatus";
    var _RETB = "RequestedEndTimeBefore";
    var _REe = "RetryableError";
    var _RG = "ReportGenerated";
    var _RGA = "RoleGroupAssignments";
    var _RGAL = "RoleGroupAssignmentsList";
    var _RGAo = "RoleGroupAssignment";
    var _RI = "ResolvedImage";
    var _RIFN = "RecordIdentifierFeatureName";
    var _RIG = "RestrictedInstanceGroups";
    var _RIGC = "RestrictedInstanceGroupsConfig";
    var _RII = "RecommendedInferenceImage";
    var _RIS = "RuntimeInSeconds";
    var _RIU = "ResourceInUse";
    var _RIe = "RecommendationId";
    var _RIes = "ResourceIdentifier";
    var _RJCC = "RecommendationJobContainerConfig";
    var _RJCOC = "RecommendationJobCompiledOutputConfig";
    var _RJIB = "RecommendationJobInferenceBenchmark";
    var _RJIC = "RecommendationJobInputConfig";
    var _RJOC = "RecommendationJobOutputConfig";
    var _RJPC = "RecommendationJobPayloadConfig";
    var _RJRL = "RecommendationJobResourceLimit";
    var _RJSC = "RecommendationJobStoppingConditions";
    var _RJVC = "RecommendationJobVpcConfig";
    var _RK = "ResourceKey";
    var _RL = "ResourceLimits";
    var _RLE = "ResourceLimitExceeded";
    var _RLe = "ResourceLimit";
    var _RM = "RecoveryMode";
    var _RMBS = "RollbackMaximumBatchSize";
    var _RMSM = "RegisterModelStepMetadata";
    var _RMV = "ReferenceMinVersion";
    var _RMe = "RegisterModel";
    var _RMec = "RecommendationMetrics";
    var _RN = "ReleaseNotes";
    var _RNB = "RegisterNewBaseline";
    var _RNF = "ResourceNotFound";
    var _RNe = "RecipeName";
    var _RNo = "RoleName";
    var _RNu = "RunName";
    var _ROSU = "ResolvedOutputS3Uri";
    var _RP = "RuleParameters";
    var _RPE = "RetryPipelineExecution";
    var _RPER = "RetryPipelineExecutionRequest";
    var _RPERe = "RetryPipelineExecutionResponse";
    var _RPSU = "RecordPreprocessorSourceUri";
    var _RPe = "RetentionPolicy";
    var _RPes = "ResourcePolicy";
    var _RR = "RiskRating";
    var _RRBTIS = "ResourceRetainedBillableTimeInSeconds";
    var _RS = "ResourceSpec";
    var _RSAS = "RSessionAppSettings";
    var _RSC = "ResourceSharingConfig";
    var _RSCU = "RStudioConnectUrl";
    var _RSPMU = "RStudioPackageManagerUrl";
    var _RSSPAS = "RStudioServerProAppSettings";
    var _RSSPDS = "RStudioServerProDomainSettings";
    var _RSSPDSFU = "RStudioServerProDomainSettingsForUpdate";
    var _RSTA = "RequestedStartTimeAfter";
    var _RSa = "RandomSeed";
    var _RSe = "RetryStrategy";
    var _RSec = "RecommendationStatus";
    var _RSo = "RoutingStrategy";
    var _RT = "ResourceType";
    var _RTIC = "RealTimeInferenceConfig";
    var _RTIR = "RealTimeInferenceRecommendations";
    var _RTIRe = "RealTimeInferenceRecommendation";
    var _RTe = "ResolutionTime";
    var _RTeg = "RegistrationTime";
    var _RTen = "RenderableTask";
    var _RU = "RepositoryUrl";
    var _RUP = "RollingUpdatePolicy";
    var _RUT = "RenderUiTemplate";
    var _RUTR = "RenderUiTemplateRequest";
    var _RUTRe = "RenderUiTemplateResponse";
    var _RV = "RootVolume";
    var _RWT = "RecordWrapperType";
    var _Ra = "Range";
    var _Re = "Recommendations";
    var _Rea = "Reason";
    var _Reg = "Regex";
    var _Rel = "Relation";
    var _Rep = "Repository";
    var _Res = "Resource";
    var _Resu = "Results";
    var _S = "Source";
    var _SA = "SourceArn";
    var _SAE = "SlrAccessEntry";
    var _SAIBJ = "StopAIBenchmarkJob";
    var _SAIBJR = "StopAIBenchmarkJobRequest";
    var _SAIBJRt = "StopAIBenchmarkJobResponse";
    var _SAIRJ = "StopAIRecommendationJob";
    var _SAIRJR = "StopAIRecommendationJobRequest";
    var _SAIRJRt = "StopAIRecommendationJobResponse";
    var _SAL = "SourceAlgorithmList";
    var _SALM = "SpaceAppLifecycleManagement";
    var _SAMLJ = "StopAutoMLJob";
    var _SAMLJR = "StopAutoMLJobRequest";
    var _SAP = "S3ArtifactPath";
    var _SAS = "SourceAlgorithmSpecification";
    var _SAe = "SecretArn";
    var _SAo = "SourceAlgorithm";
    var _SAou = "SourceAlgorithms";
    var _SAp = "SpaceArn";
    var _SAt = "StartArns";
    var _SB = "ShapBaseline";
    var _SBC = "ShapBaselineConfig";
    var _SBOAI = "S3BucketOwnerAccountId";
    var _SBOV = "S3BucketOwnerVerification";
    var _SBU = "ShapBaselineUri";
    var _SBo = "SortBy";
    var _SC = "SecurityConfig";
    var _SCC = "SessionChainingConfig";
    var _SCEAS = "SpaceCodeEditorAppSettings";
    var _SCHC = "StartClusterHealthCheck";
    var _SCHCR = "StartClusterHealthCheckRequest";
    var _SCHCRt = "StartClusterHealthCheckResponse";
    var _SCJ = "StopCompilationJob";
    var _SCJR = "StopCompilationJobRequest";
    var _SCPD = "ServiceCatalogProvisioningDetails";
    var _SCPPD = "ServiceCatalogProvisionedProductDetails";
    var _SCPUD = "ServiceCatalogProvisioningUpdateDetails";
    var _SCS = "SlurmConfigStrategy";
    var _SCT = "SupportedContentTypes";
    var _SCTo = "S3CompressionType";
    var _SCTu = "SupportedCompressionTypes";
    var _SCc = "SchedulerConfig";
    var _SCch = "SchedulingConfig";
    var _SCche = "ScheduleConfig";
    var _SCe = "ServerlessConfig";
    var _SCh = "ShuffleConfig";
    var _SCha = "ShapConfig";
    var _SCk = "SkipCheck";
    var _SCl = "SlurmConfig";
    var _SCt = "StoppingCondition";
    var _SCto = "StoppingConditions";
    var _SCtr = "StrategyConfig";
    var _SD = "StackDetail";
    var _SDC = "SamplingDeviceCount";
    var _SDDT = "S3DataDistributionType";
    var _SDN = "SpaceDisplayName";
    var _SDNt = "StepDisplayName";
    var _SDS = "S3DataSource";
    var _SDSn = "SnsDataSource";
    var _SDT = "S3DataType";
    var _SDTu = "SupportsDistributedTraining";
    var _SDo = "SourceDetail";
    var _SDp = "SpaceDetails";
    var _SDt = "StatusDetails";
    var _SDta = "StageDescription";
    var _SDtar = "StartDate";
    var _SDtd = "StdDev";
    var _SDte = "StepDescription";
    var _SDu = "SubDomain";
    var _SE = "StatusEquals";
    var _SEA = "S3ExportArtifacts";
    var _SEC = "SharedEnvironmentConfig";
    var _SECe = "SelectiveExecutionConfig";
    var _SEDIS = "SessionExpirationDurationInSeconds";
    var _SEDS = "StartEdgeDeploymentStage";
    var _SEDSR = "StartEdgeDeploymentStageRequest";
    var _SEDSRt = "StopEdgeDeploymentStageRequest";
    var _SEDSt = "StopEdgeDeploymentStage";
    var _SEL = "SearchExpressionList";
    var _SEPJ = "StopEdgePackagingJob";
    var _SEPJR = "StopEdgePackagingJobRequest";
    var _SER = "SelectiveExecutionResult";
    var _SET = "SupportedEndpointType";
    var _SEc = "ScheduleExpression";
    var _SEe = "SearchExpression";
    var _SEu = "SubExpressions";
    var _SFP = "S3FailurePath";
    var _SFS = "S3FileSystem";
    var _SFSC = "S3FileSystemConfig";
    var _SG = "SecurityGroups";
    var _SGI = "SecurityGroupIds";
    var _SGIFDB = "SecurityGroupIdForDomainBoundary";
    var _SHP = "StaticHyperParameters";
    var _SHPTJ = "StopHyperParameterTuningJob";
    var _SHPTJR = "StopHyperParameterTuningJobRequest";
    var _SHPu = "SupportedHyperParameters";
    var _SI = "SourceId";
    var _SIC = "SourceIpConfig";
    var _SICPUS = "SpareInstanceCountPerUltraServer";
    var _SICc = "ScaleInCooldown";
    var _SICe = "SelectedInstanceCount";
    var _SIE = "StartInferenceExperiment";
    var _SIER = "StartInferenceExperimentRequest";
    var _SIERt = "StartInferenceExperimentResponse";
    var _SIERto = "StopInferenceExperimentRequest";
    var _SIERtop = "StopInferenceExperimentResponse";
    var _SIEt = "StopInferenceExperiment";
    var _SIGB = "SizeInGiB";
    var _SIM = "S3InputMode";
    var _SIMu = "SupportedInputModes";
    var _SIP = "ScaleInPolicy";
    var _SIRJ = "StopInferenceRecommendationsJob";
    var _SIRJR = "StopInferenceRecommendationsJobRequest";
    var _SIS = "SpaceIdleSettings";
    var _SIT = "SourceIdType";
    var _SITe = "SelectedInstanceType";
    var _SITu = "SupportedInstanceTypes";
    var _SIe = "SessionId";
    var _SIn = "S3Input";
    var _SIo = "SourceIdentity";
    var _SIou = "SourceIp";
    var _SIp = "SpecifiedImage";
    var _SIt = "StepId";
    var _SIu = "SubnetIds";
    var _SIub = "SubnetId";
    var _SJ = "StopJob";
    var _SJC = "ServerlessJobConfig";
    var _SJLAS = "SpaceJupyterLabAppSettings";
    var _SJR = "StopJobRequest";
    var _SJRt = "StopJobResponse";
    var _SKKI = "S3KmsKeyId";
    var _SL = "SequenceLength";
    var _SLC = "StudioLifecycleConfigs";
    var _SLCA = "StudioLifecycleConfigArn";
    var _SLCAT = "StudioLifecycleConfigAppType";
    var _SLCC = "StudioLifecycleConfigContent";
    var _SLCD = "StudioLifecycleConfigDetails";
    var _SLCL = "StudioLifecycleConfigsList";
    var _SLCN = "StudioLifecycleConfigName";
    var _SLJ = "StopLabelingJob";
    var _SLJR = "StopLabelingJobRequest";
    var _SLp = "SpaceList";
    var _SM = "StatusMessage";
    var _SMA = "S3ModelArtifacts";
    var _SMC = "ShadowModeConfig";
    var _SMDS = "S3ModelDataSource";
    var _SMIA = "SageMakerImageArn";
    var _SMIN = "SageMakerImageName";
    var _SMIVA = "SageMakerImageVersionAliases";
    var _SMIVAa = "SageMakerImageVersionArn";
    var _SMIVAag = "SageMakerImageVersionAlias";
    var _SMM = "SageMakerModel";
    var _SMN = "StandardMetricName";
    var _SMPA = "SourceModelPackageArn";
    var _SMPHCA = "SageMakerPublicHubContentArn";
    var _SMR = "SpaceManagedResources";
    var _SMS = "StartMonitoringSchedule";
    var _SMSR = "StartMonitoringScheduleRequest";
    var _SMSRt = "StopMonitoringScheduleRequest";
    var _SMSt = "StopMonitoringSchedule";
    var _SMTS = "StartMlflowTrackingServer";
    var _SMTSR = "StartMlflowTrackingServerRequest";
    var _SMTSRt = "StartMlflowTrackingServerResponse";
    var _SMTSRto = "StopMlflowTrackingServerRequest";
    var _SMTSRtop = "StopMlflowTrackingServerResponse";
    var _SMTSt = "StopMlflowTrackingServer";
    var _SMV = "SkipModelValidation";
    var _SMVC = "ShadowModelVariantConfig";
    var _SMVCL = "ShadowModelVariantConfigList";
    var _SMVN = "SourceModelVariantName";
    var _SMVNh = "ShadowModelVariantName";
    var _SMVh = "ShadowModelVariants";
    var _SN = "SpaceName";
    var _SNC = "SpaceNameContains";
    var _SNE = "SpaceNameEquals";
    var _SNI = "StartNotebookInstance";
    var _SNII = "StartNotebookInstanceInput";
    var _SNIIt = "StopNotebookInstanceInput";
    var _SNIt = "StopNotebookInstance";
    var _SNLI = "SuccessfulNodeLogicalIds";
    var _SNe = "SellerName";
    var _SNo = "SourceName";
    var _SNt = "StageName";
    var _SNte = "StepName";
    var _SO = "SortOrder";
    var _SOC = "ScaleOutCooldown";
    var _SOJ = "StopOptimizationJob";
    var _SOJR = "StopOptimizationJobRequest";
    var _SOL = "S3OutputLocation";
    var _SOP = "S3OutputPath";
    var _SOU = "S3OutputUri";
    var _SOu = "S3Output";
    var _SP = "ScalingPolicies";
    var _SPE = "StartPipelineExecution";
    var _SPEA = "SourcePipelineExecutionArn";
    var _SPER = "StartPipelineExecutionRequest";
    var _SPERt = "StartPipelineExecutionResponse";
    var _SPERto = "StopPipelineExecutionRequest";
    var _SPERtop = "StopPipelineExecutionResponse";
    var _SPESF = "SendPipelineExecutionStepFailure";
    var _SPESFR = "SendPipelineExecutionStepFailureRequest";
    var _SPESFRe = "SendPipelineExecutionStepFailureResponse";
    var _SPESS = "SendPipelineExecutionStepSuccess";
    var _SPESSR = "SendPipelineExecutionStepSuccessRequest";
    var _SPESSRe = "SendPipelineExecutionStepSuccessResponse";
    var _SPEt = "StopPipelineExecution";
    var _SPJ = "StopProcessingJob";
    var _SPJR = "StopProcessingJobRequest";
    var _SPM = "ScalingPolicyMetric";
    var _SPO = "ScalingPolicyObjective";
    var _SPU = "SamplePayloadUrl";
    var _SPV = "ShadowProductionVariants";
    var _SPa = "SamplingPercentage";
    var _SPc = "ScalingPolicy";
    var _SPr = "S3Presign";
    var _SPt = "StartupParameters";
    var _SQ = "SuggestionQuery";
    var _SQU = "SqsQueueUrl";
    var _SR = "StatisticsResource";
    var _SRIIT = "SupportedRealtimeInferenceInstanceTypes";
    var _SRL = "SearchResultsList";
    var _SRMIMET = "SupportedResponseMIMETypes";
    var _SRe = "SearchRecord";
    var _SRea = "SearchRequest";
    var _SRear = "SearchResponse";
    var _SRp = "SpawnRate";
    var _SRt = "StatusReason";
    var _SS = "SpaceSettings";
    var _SSC = "S3StorageConfig";
    var _SSL = "SelectedStepList";
    var _SSOAA = "SingleSignOnApplicationArn";
    var _SSOMAII = "SingleSignOnManagedApplicationInstanceId";
    var _SSOUI = "SingleSignOnUserIdentifier";
    var _SSOUV = "SingleSignOnUserValue";
    var _SSR = "StartSessionRequest";
    var _SSRt = "StartSessionResponse";
    var _SSS = "SpaceSharingSettings";
    var _SSSS = "SpaceSharingSettingsSummary";
    var _SSSp = "SpaceStorageSettings";
    var _SSSpa = "SpaceSettingsSummary";
    var _SST = "SecondaryStatusTransitions";
    var _SSTe = "SecondaryStatusTransition";
    var _SSU = "SourceS3Uri";
    var _SSe = "SecondaryStatus";
    var _SSel = "SelectedStep";
    var _SSele = "SelectedSteps";
    var _SSh = "SharingSettings";
    var _SSt = "StageStatus";
    var _SSta = "StartSession";
    var _SSte = "StepStatus";
    var _SSu = "SupportStatus";
    var _ST = "SourceType";
    var _STA = "SnsTopicArn";
    var _STAc = "ScheduledTimeAfter";
    var _STAt = "StartTimeAfter";
    var _STB = "ScheduledTimeBefore";
    var _STBt = "StartTimeBefore";
    var _STIT = "SupportedTransformInstanceTypes";
    var _STITu = "SupportedTrainingInstanceTypes";
    var _STJ = "StopTrainingJob";
    var _STJOM = "SupportedTuningJobObjectiveMetrics";
    var _STJR = "StopTrainingJobRequest";
    var _STJRt = "StopTransformJobRequest";
    var _STJt = "StopTransformJob";
    var _STO = "StartTimeOffset";
    var _STPO = "SearchTrainingPlanOfferings";
    var _STPOR = "SearchTrainingPlanOfferingsRequest";
    var _STPORe = "SearchTrainingPlanOfferingsResponse";
    var _STc = "ScalingType";
    var _STch = "ScheduledTime";
    var _STh = "SharingType";
    var _STo = "SourceTypes";
    var _STp = "SplitType";
    var _STt = "StartTime";
    var _STte = "StepType";
    var _STto = "StorageType";
    var _STu = "SuccessTopic";
    var _SU = "SourceUri";
    var _SUC = "ScheduledUpdateConfig";
    var _SUCe = "ServerlessUpdateConfig";
    var _SUM = "S3UploadMode";
    var _SUS = "SoftwareUpdateStatus";
    var _SUr = "S3Uri";
    var _SUri = "S3Uris";
    var _SUt = "StreamUrl";
    var _SV = "StringValue";
    var _SW = "SubscribedWorkteam";
    var _SWAN = "SampleWeightAttributeName";
    var _SWP = "StudioWebPortal";
    var _SWPA = "StudioWebPortalAccess";
    var _SWPS = "StudioWebPortalSettings";
    var _SWu = "SubscribedWorkteams";
    var _S_ = "S3";
    var _Sc = "Schedule";
    var _Sco = "Scope";
    var _Se = "Seed";
    var _Sea = "Search";
    var _Set = "Set";
    var _Sl = "Slurm";
    var _So = "Sources";
    var _Sp = "Spot";
    var _Spa = "Spaces";
    var _Spe = "Specification";
    var _Spec = "Specifications";
    var _St = "Status";
    var _Sta = "Stat";
    var _Stag = "Stages";
    var _Stage = "Stage";
    var _Stai = "Stairs";
    var _Stat = "Statistic";
    var _Stati = "Statistics";
    var _Ste = "Steps";
    var _Sto = "Stopped";
    var _Str = "Strategy";
    var _Su = "Successful";
    var _Sub = "Subnets";
    var _Suc = "Success";
    var _Succ = "Succeeded";
    var _Sum = "Summaries";
    var _T = "Type";
    var _TA = "TrialArn";
    var _TALIS = "TaskAvailabilityLifetimeInSeconds";
    var _TAN = "TargetAttributeName";
    var _TANi = "TimestampAttributeName";
    var _TAV = "TransformAmiVersion";
    var _TBAS = "TensorBoardAppSettings";
    var _TBOC = "TensorBoardOutputConfig";
    var _TC = "TextConfig";
    var _TCA = "TrialComponentArn";
    var _TCAr = "TrialComponentArtifact";
    var _TCAri = "TrialComponentArtifacts";
    var _TCD = "ThroughputConfigDescription";
    var _TCDN = "TrialComponentDisplayName";
    var _TCH = "TargetContainerHostname";
    var _TCJC = "TextClassificationJobConfig";
    var _TCMS = "TrialComponentMetricSummary";
    var _TCMSr = "TrialComponentMetricSummaries";
    var _TCN = "TrialComponentName";
    var _TCP = "TrialComponentParameters";
    var _TCPV = "TrialComponentParameterValue";
    var _TCS = "TrialComponentSummaries";
    var _TCSD = "TrialComponentSourceDetail";
    var _TCSS = "TrialComponentSimpleSummary";
    var _TCSSr = "TrialComponentSimpleSummaries";
    var _TCSr = "TrialComponentSource";
    var _TCSri = "TrialComponentStatus";
    var _TCSria = "TrialComponentSummary";
    var _TCSrial = "TrialComponentSources";
    var _TCU = "ThroughputConfigUpdate";
    var _TCUPC = "TargetCpuUtilizationPerCore";
    var _TCa = "TargetCount";
    var _TCas = "TaskCount";
    var _TCh = "ThroughputConfig";
    var _TCr = "TrialComponent";
    var _TCra = "TrainingChannels";
    var _TD = "TaskDescription";
    var _TDS = "TrainingDataSource";
    var _TDSr = "TransformDataSource";
    var _TDa = "TargetDevice";
    var _TDt = "TtlDuration";
    var _TE = "TokenEndpoint";
    var _TET = "TrainingEndTime";
    var _TETr = "TransformEndTime";
    var _TF = "TableFormat";
    var _TFOAC = "TenthFractionsOfACent";
    var _TGHP = "TextGenerationHyperParameters";
    var _TGJC = "TextGenerationJobConfig";
    var _TGRA = "TextGenerationResolvedAttributes";
    var _TH = "TotalHits";
    var _THP = "TunedHyperParameters";
    var _TI = "TrainingImage";
    var _TIC = "TrainingImageConfig";
    var _TICo = "TotalInstanceCount";
    var _TID = "TrainingImageDigest";
    var _TIM = "TrainingInputMode";
    var _TIPS = "TrustedIdentityPropagationSettings";
    var _TIr = "TransformInput";
    var _TJ = "TrainingJob";
    var _TJA = "TrainingJobArn";
    var _TJAr = "TransformJobArn";
    var _TJAu = "TuningJobArn";
    var _TJC = "TabularJobConfig";
    var _TJCC = "TuningJobCompletionCriteria";
    var _TJCD = "TuningJobCompletionDetails";
    var _TJD = "TrainingJobDefinition";
    var _TJDN = "TrainingJobDefinitionName";
    var _TJDr = "TransformJobDefinition";
    var _TJDra = "TrainingJobDefinitions";
    var _TJEST = "TrainingJobEarlyStoppingType";
    var _TJN = "TrainingJobName";
    var _TJNr = "TransformJobName";
    var _TJNu = "TuningJobName";
    var _TJS = "TrainingJobStatus";
    var _TJSC = "TrainingJobStatusCounters";
    var _TJSM = "TrainingJobStepMetadata";
    var _TJSMD = "TuningJobStepMetaData";
    var _TJSMr = "TransformJobStepMetadata";
    var _TJSr = "TransformJobStatus";
    var _TJSra = "TrainingJobSummaries";
    var _TJSrai = "TrainingJobSummary";
    var _TJSran = "TransformJobSummaries";
    var _TJSrans = "TransformJobSummary";
    var _TJr = "TransformJob";
    var _TJu = "TuningJob";
    var _TK = "TagKeys";
    var _TKa = "TaskKeywords";
    var _TL = "TotalLabeled";
    var _TLC = "TargetLabelColumn";
    var _TLa = "TagList";
    var _TM = "ThroughputMode";
    var _TN = "TrialName";
    var _TNa = "TableName";
    var _TNe = "TemplateName";
    var _TNea = "TeamName";
    var _TO = "TransformOutput";
    var _TOMV = "TargetObjectiveMetricValue";
    var _TOu = "TuningObjective";
    var _TP = "TagPropagation";
    var _TPA = "TrainingPlanArn";
    var _TPAE = "TrainingPlanArnEquals";
    var _TPAr = "TrainingPlanArns";
    var _TPC = "ThreadsPerCore";
    var _TPD = "TemplateProviderDetails";
    var _TPDL = "TemplateProviderDetailList";
    var _TPDe = "TemplateProviderDetail";
    var _TPE = "TrainingPlanExtensions";
    var _TPEO = "TrainingPlanExtensionOfferings";
    var _TPEOI = "TrainingPlanExtensionOfferingId";
    var _TPEOr = "TrainingPlanExtensionOffering";
    var _TPEr = "TrainingPlanExtension";
    var _TPF = "TrainingPlanFilter";
    var _TPFr = "TrainingPlanFilters";
    var _TPI = "TrainingProgressInfo";
    var _TPN = "TrainingPlanName";
    var _TPO = "TrainingPlanOfferings";
    var _TPOI = "TrainingPlanOfferingId";
    var _TPOr = "TrainingPlanOffering";
    var _TPS = "TrainingPlanStatus";
    var _TPSr = "TrainingPlanSummaries";
    var _TPSra = "TrainingPlanSummary";
    var _TPTU = "TemplateProvidersToUpdate";
    var _TPa = "TargetPlatform";
    var _TPe = "TemplateProviders";
    var _TPr = "TrafficPattern";
    var _TR = "TransformResources";
    var _TRA = "TabularResolvedAttributes";
    var _TRAC = "TrainingRepositoryAuthConfig";
    var _TRAM = "TrainingRepositoryAccessMode";
    var _TRC = "TrafficRoutingConfiguration";
    var _TRCPA = "TrainingRepositoryCredentialsProviderArn";
    var _TRCr = "TrafficRoutingConfig";
    var _TRa = "TargetResources";
    var _TS = "TrainingSpecification";
    var _TSA = "TrackingServerArn";
    var _TSC = "TargetStateCount";
    var _TSCPE = "TotalStepCountPerEpoch";
    var _TSCi = "TieredStorageConfig";
    var _TSCim = "TimeSeriesConfig";
    var _TSDS = "TransformS3DataSource";
    var _TSFJC = "TimeSeriesForecastingJobConfig";
    var _TSFS = "TimeSeriesForecastingSettings";
    var _TSMS = "TrackingServerMaintenanceStatus";
    var _TSN = "TrackingServerName";
    var _TSS = "TrackingServerSize";
    var _TSSL = "TrackingServerSummaryList";
    var _TSSr = "TrackingServerStatus";
    var _TSSra = "TrackingServerSummaries";
    var _TSSrac = "TrackingServerSummary";
    var _TST = "TrainingStartTime";
    var _TSTi = "TimeSeriesTransformations";
    var _TSTr = "TransformStartTime";
    var _TSU = "TrackingServerUrl";
    var _TSi = "TimeStamp";
    var _TSr = "TrialSummaries";
    var _TSri = "TrialSource";
    var _TSria = "TrialSummary";
    var _TT = "TaskTitle";
    var _TTIS = "TrainingTimeInSeconds";
    var _TTLIS = "TaskTimeLimitInSeconds";
    var _TTSPC = "TargetTrackingScalingPolicyConfiguration";
    var _TTa = "TargetTracking";
    var _TTr = "TrafficType";
    var _TURL = "TemplateURL";
    var _TUSC = "TotalUltraServerCount";
    var _TV = "TokenValue";
    var _TVa = "TargetValue";
    var _TVar = "TargetVersion";
    var _TWIS = "TerminationWaitInSeconds";
    var _Ta = "Tags";
    var _Tag = "Tag";
    var _Tai = "Taints";
    var _Tas = "Task";
    var _Te = "Technique";
    var _Ti = "Tier";
    var _Tim = "Timestamp";
    var _To = "Total";
    var _Tr = "Trial";
    var _Tra = "Transformations";
    var _Ty = "Types";
    var _U = "Uri";
    var _UA = "UpdateAction";
    var _UAIC = "UpdateAppImageConfig";
    var _UAICR = "UpdateAppImageConfigRequest";
    var _UAICRp = "UpdateAppImageConfigResponse";
    var _UAR = "UpdateActionRequest";
    var _UARp = "UpdateActionResponse";
    var _UARpd = "UpdateArtifactRequest";
    var _UARpda = "UpdateArtifactResponse";
    var _UAp = "UpdateArtifact";
    var _UBCE = "UsedByCurrentEndpoint";
    var _UC = "UiConfig";
    var _UCQ = "UpdateComputeQuota";
    var _UCQR = "UpdateComputeQuotaRequest";
    var _UCQRp = "UpdateComputeQuotaResponse";
    var _UCR = "UpdateClusterRequest";
    var _UCRI = "UpdateCodeRepositoryInput";
    var _UCRO = "UpdateCodeRepositoryOutput";
    var _UCRp = "UpdateClusterResponse";
    var _UCRpd = "UpdateContextRequest";
    var _UCRpda = "UpdateContextResponse";
    var _UCRpdat = "UpdateCodeRepository";
    var _UCS = "UpdateClusterSoftware";
    var _UCSC = "UpdateClusterSchedulerConfig";
    var _UCSCR = "UpdateClusterSchedulerConfigRequest";
    var _UCSCRp = "UpdateClusterSchedulerConfigResponse";
    var _UCSIG = "UpdateClusterSoftwareInstanceGroups";
    var _UCSIGS = "UpdateClusterSoftwareInstanceGroupSpecification";
    var _UCSR = "UpdateClusterSoftwareRequest";
    var _UCSRp = "UpdateClusterSoftwareResponse";
    var _UCp = "UpdateCluster";
    var _UCpd = "UpdateContext";
    var _UCs = "UserContext";
    var _UD = "UpdateDevices";
    var _UDF = "UpdateDeviceFleet";
    var _UDFR = "UpdateDeviceFleetRequest";
    var _UDR = "UpdateDevicesRequest";
    var _UDRp = "UpdateDomainRequest";
    var _UDRpd = "UpdateDomainResponse";
    var _UDp = "UpdateDomain";
    var _UE = "UpdateEndpoint";
    var _UEI = "UpdateEndpointInput";
    var _UEO = "UpdateEndpointOutput";
    var _UER = "UpdateExperimentRequest";
    var _UERp = "UpdateExperimentResponse";
    var _UEWAC = "UpdateEndpointWeightsAndCapacities";
    var _UEWACI = "UpdateEndpointWeightsAndCapacitiesInput";
    var _UEWACO = "UpdateEndpointWeightsAndCapacitiesOutput";
    var _UEp = "UpdateExperiment";
    var _UF = "UpfrontFee";
    var _UFG = "UpdateFeatureGroup";
    var _UFGR = "UpdateFeatureGroupRequest";
    var _UFGRp = "UpdateFeatureGroupResponse";
    var _UFM = "UpdateFeatureMetadata";
    var _UFMR = "UpdateFeatureMetadataRequest";
    var _UG = "UserGroup";
    var _UH = "UpdateHub";
    var _UHC = "UpdateHubContent";
    var _UHCR = "UpdateHubContentRequest";
    var _UHCRR = "UpdateHubContentReferenceRequest";
    var _UHCRRp = "UpdateHubContentReferenceResponse";
    var _UHCRp = "UpdateHubContentResponse";
    var _UHCRpd = "UpdateHubContentReference";
    var _UHR = "UpdateHubRequest";
    var _UHRp = "UpdateHubResponse";
    var _UI = "UpdateImage";
    var _UIC = "UnhealthyInstanceCount";
    var _UICI = "UpdateInferenceComponentInput";
    var _UICO = "UpdateInferenceComponentOutput";
    var _UICRC = "UpdateInferenceComponentRuntimeConfig";
    var _UICRCI = "UpdateInferenceComponentRuntimeConfigInput";
    var _UICRCO = "UpdateInferenceComponentRuntimeConfigOutput";
    var _UICp = "UpdateInferenceComponent";
    var _UIE = "UserInfoEndpoint";
    var _UIER = "UpdateInferenceExperimentRequest";
    var _UIERp = "UpdateInferenceExperimentResponse";
    var _UIEp = "UpdateInferenceExperiment";
    var _UIR = "UpdateImageRequest";
    var _UIRp = "UpdateImageResponse";
    var _UIV = "UpdateImageVersion";
    var _UIVR = "UpdateImageVersionRequest";
    var _UIVRp = "UpdateImageVersionResponse";
    var _UL = "UseLogit";
    var _UMA = "UpdateMlflowApp";
    var _UMAR = "UpdateMlflowAppRequest";
    var _UMARp = "UpdateMlflowAppResponse";
    var _UMARpd = "UpdateMonitoringAlertRequest";
    var _UMARpda = "UpdateMonitoringAlertResponse";
    var _UMAp = "UpdateMonitoringAlert";
    var _UMC = "UpdateModelCard";
    var _UMCR = "UpdateModelCardRequest";
    var _UMCRp = "UpdateModelCardResponse";
    var _UMP = "UpdateModelPackage";
    var _UMPI = "UpdateModelPackageInput";
    var _UMPO = "UpdateModelPackageOutput";
    var _UMS = "UpdateMonitoringSchedule";
    var _UMSR = "UpdateMonitoringScheduleRequest";
    var _UMSRp = "UpdateMonitoringScheduleResponse";
    var _UMTS = "UpdateMlflowTrackingServer";
    var _UMTSR = "UpdateMlflowTrackingServerRequest";
    var _UMTSRp = "UpdateMlflowTrackingServerResponse";
    var _UNI = "UpdateNotebookInstance";
    var _UNII = "UpdateNotebookInstanceInput";
    var _UNILC = "UpdateNotebookInstanceLifecycleConfig";
    var _UNILCI = "UpdateNotebookInstanceLifecycleConfigInput";
    var _UNILCO = "UpdateNotebookInstanceLifecycleConfigOutput";
    var _UNIO = "UpdateNotebookInstanceOutput";
    var _UP = "UserPool";
    var _UPA = "UserProfileArn";
    var _UPAR = "UpdatePartnerAppRequest";
    var _UPARp = "UpdatePartnerAppResponse";
    var _UPAp = "UpdatePartnerApp";
    var _UPD = "UserProfileDetails";
    var _UPE = "UpdatePipelineExecution";
    var _UPER = "UpdatePipelineExecutionRequest";
    var _UPERp = "UpdatePipelineExecutionResponse";
    var _UPI = "UpdateProjectInput";
    var _UPL = "UserProfileList";
    var _UPN = "UserProfileName";
    var _UPNC = "UserProfileNameContains";
    var _UPNE = "UserProfileNameEquals";
    var _UPO = "UpdateProjectOutput";
    var _UPR = "UpdatePipelineRequest";
    var _UPRp = "UpdatePipelineResponse";
    var _UPS = "UsersPerStep";
    var _UPV = "UpdatePipelineVersion";
    var _UPVR = "UpdatePipelineVersionRequest";
    var _UPVRp = "UpdatePipelineVersionResponse";
    var _UPp = "UpdatePipeline";
    var _UPpd = "UpdateProject";
    var _UPs = "UserProfiles";
    var _US = "UserSettings";
    var _USC = "UltraServerCount";
    var _USD = "USD";
    var _USI = "UltraServerInfo";
    var _USIl = "UltraServerId";
    var _USR = "UpdateSpaceRequest";
    var _USRp = "UpdateSpaceResponse";
    var _USS = "UltraServerSummary";
    var _USSn = "UnifiedStudioSettings";
    var _UST = "UltraServerType";
    var _USl = "UltraServers";
    var _USlt = "UltraServer";
    var _USp = "UpdateSpace";
    var _UT = "UiTemplate";
    var _UTC = "UpdateTrialComponent";
    var _UTCR = "UpdateTrialComponentRequest";
    var _UTCRp = "UpdateTrialComponentResponse";
    var _UTI = "UiTemplateInfo";
    var _UTJ = "UpdateTrainingJob";
    var _UTJR = "UpdateTrainingJobRequest";
    var _UTJRp = "UpdateTrainingJobResponse";
    var _UTP = "UpdateTemplateProvider";
    var _UTPL = "UpdateTemplateProviderList";
    var _UTR = "UpdateTrialRequest";
    var _UTRp = "UpdateTrialResponse";
    var _UTSU = "UiTemplateS3Uri";
    var _UTp = "UpdateTrial";
    var _UUP = "UpdateUserProfile";
    var _UUPR = "UpdateUserProfileRequest";
    var _UUPRp = "UpdateUserProfileResponse";
    var _UW = "UpdateWorkforce";
    var _UWR = "UpdateWorkforceRequest";
    var _UWRp = "UpdateWorkforceResponse";
    var _UWRpd = "UpdateWorkteamRequest";
    var _UWRpda = "UpdateWorkteamResponse";
    var _UWp = "UpdateWorkteam";
    var _Ui = "Uid";
    var _Un = "Unit";
    var _Unl = "Unlabeled";
    var _Ur = "Url";
    var _V = "Version";
    var _VA = "VersionAliases";
    var _VC = "VpcConfig";
    var _VCL = "VisibilityConditionsList";
    var _VCe = "VectorConfig";
    var _VCi = "VisibilityConditions";
    var _VCp = "VCpu";
    var _VEI = "VpcEndpointId";
    var _VF = "ValidationFraction";
    var _VG = "VendorGuidance";
    var _VH = "ValueHint";
    var _VI = "VolumeId";
    var _VIM = "ValueInMilliseconds";
    var _VIPTIS = "VariantInstanceProvisionTimeoutInSeconds";
    var _VIe = "VersionId";
    var _VIp = "VpcId";
    var _VKKI = "VolumeKmsKeyId";
    var _VN = "VariantName";
    var _VNE = "VariantNameEquals";
    var _VOTA = "VpcOnlyTrustedAccounts";
    var _VP = "ValidationProfiles";
    var _VPL = "VariantPropertyList";
    var _VPT = "VariantPropertyType";
    var _VPa = "VariantProperty";
    var _VR = "ValidationRole";
    var _VRi = "ViolationReport";
    var _VS = "ValidationStatuses";
    var _VSI = "VpcSourceIp";
    var _VSIGB = "VolumeSizeInGB";
    var _VSa = "ValidationSpecification";
    var _VSar = "VariantStatus";
    var _VT = "ValueType";
    var _Va = "Value";
    var _Val = "Values";
    var _Ve = "Vertices";
    var _Ver = "Vertex";
    var _W = "Workforce";
    var _WA = "WorkforceArn";
    var _WAC = "WorkerAccessConfiguration";
    var _WAo = "WorkteamArn";
    var _WG = "WorkGroup";
    var _WIIS = "WaitIntervalInSeconds";
    var _WMWS = "WeeklyMaintenanceWindowStart";
    var _WN = "WorkforceName";
    var _WNo = "WorkteamName";
    var _WPS = "WarmPoolStatus";
    var _WPSE = "WarmPoolStatusEquals";
    var _WRAI = "WorkRequesterAccountId";
    var _WS = "WorkloadSpec";
    var _WSC = "WarmStartConfig";
    var _WST = "WarmStartType";
    var _WSo = "WorkspaceSettings";
    var _WVC = "WorkforceVpcConfig";
    var _WVCR = "WorkforceVpcConfigRequest";
    var _WVCRo = "WorkforceVpcConfigResponse";
    var _We = "Weight";
    var _Wo = "Workteam";
    var _Wor = "Workforces";
    var _Work = "Workteams";
    var _a = "application/json";
    var _c = "client";
    var _e = "error";
    var _mT = "mediaType";
    var _s = "smithy.ts.sdk.synthetic.com.amazonaws.sagemaker";
    var n0 = "com.amazonaws.sagemaker";
    var _s_registry = new TypeRegistry(_s);
    var SageMakerServiceException$ = [-3, _s, "SageMakerServiceException", 0, [], []];
    _s_registry.registerError(SageMakerServiceException$, SageMakerServiceException);
    var n0_registry = new TypeRegistry(n0);
    var ConflictException$ = [
      -3,
      n0,
      _CE,
      { [_e]: _c },
      [_M],
      [0]
    ];
    n0_registry.registerError(ConflictException$, ConflictException);
    var ResourceInUse$ = [
      -3,
      n0,
      _RIU,
      { [_e]: _c },
      [_M],
      [0]
    ];
    n0_registry.registerError(ResourceInUse$, ResourceInUse);
    var ResourceLimitExceeded$ = [
      -3,
      n0,
      _RLE,
      { [_e]: _c },
      [_M],
      [0]
    ];
    n0_registry.registerError(ResourceLimitExceeded$, ResourceLimitExceeded);
    var ResourceNotFound$ = [
      -3,
      n0,
      _RNF,
      { [_e]: _c },
      [_M],
      [0]
    ];
    n0_registry.registerError(ResourceNotFound$, ResourceNotFound);
    var errorTypeRegistries = [
      _s_registry,
      n0_registry
    ];
    var ClientSecret = [0, n0, _CS, 8, 0];
    var HumanLoopActivationConditions = [0, n0, _HLAC, { [_mT]: _a }, 0];
    var ModelCardContent = [0, n0, _MCC, 8, 0];
    var AcceleratorPartitionConfig$ = [
      3,
      n0,
      _APC,
      0,
      [_T, _C],
      [0, 1],
      2
    ];
    var ActionSource$ = [
      3,
      n0,
      _AS,
      0,
      [_SU, _ST, _SI],
      [0, 0, 0],
      1
    ];
    var ActionSummary$ = [
      3,
      n0,
      _ASc,
      0,
      [_AA, _AN, _S, _AT, _St, _CT, _LMT],
      [0, 0, () => ActionSource$, 0, 0, 4, 4]
    ];
    var AddAssociationRequest$ = [
      3,
      n0,
      _AAR,
      0,
      [_SA, _DA, _ATs],
      [0, 0, 0],
      2
    ];
    var AddAssociationResponse$ = [
      3,
      n0,
      _AARd,
      0,
      [_SA, _DA],
      [0, 0]
    ];
    var AddClusterNodeSpecification$ = [
      3,
      n0,
      _ACNS,
      0,
      [_IGN, _ITCB, _AZ, _IT],
      [0, 1, 64 | 0, 64 | 0],
      2
    ];
    var AdditionalEnis$ = [
      3,
      n0,
      _AE,
      0,
      [_EE],
      [64 | 0]
    ];
    var AdditionalInferenceSpecificationDefinition$ = [
      3,
      n0,
      _AISD,
      0,
      [_N, _Co, _D, _STIT, _SRIIT, _SCT, _SRMIMET],
      [0, () => ModelPackageContainerDefinitionList, 0, 64 | 0, 64 | 0, 64 | 0, 64 | 0],
      2
    ];
    var AdditionalModelDataSource$ = [
      3,
      n0,
      _AMDS,
      0,
      [_CN, _SDS],
      [0, () => S3ModelDataSource$],
      2
    ];
    var AdditionalS3DataSource$ = [
      3,
      n0,
      _ASDS,
      0,
      [_SDT, _SUr, _CTo, _ET],
      [0, 0, 0, 0],
      2
    ];
    var AddTagsInput$ = [
      3,
      n0,
      _ATI,
      0,
      [_RA, _Ta],
      [0, () => TagList],
      2
    ];
    var AddTagsOutput$ = [
      3,
      n0,
      _ATO,
      0,
      [_Ta],
      [() => TagList]
    ];
    var AgentVersion$ = [
      3,
      n0,
      _AV,
      0,
      [_V, _AC],
      [0, 1],
      2
    ];
    var AIAdapterModelPackageEntry$ = [
      3,
      n0,
      _AIAMPE,
      0,
      [_AI, _MPA],
      [0, 0],
      2
    ];
    var AIAdapterS3Entry$ = [
      3,
      n0,
      _AIASE,
      0,
      [_AI, _SUr],
      [0, 0],
      2
    ];
    var AIBenchmarkEndpoint$ = [
      3,
      n0,
      _AIBE,
      0,
      [_I, _TCH, _IC],
      [0, 0, () => AIBenchmarkInferenceComponentList],
      1
    ];
    var AIBenchmarkInferenceComponent$ = [
      3,
      n0,
      _AIBIC,
      0,
      [_I],
      [0],
      1
    ];
    var AIBenchmarkJobSummary$ = [
      3,
      n0,
      _AIBJS,
      0,
      [_AIBJN, _AIBJA, _AIBJSe, _CT, _ETn, _AIWCN],
      [0, 0, 0, 4, 4, 0],
      4
    ];
    var AIBenchmarkNetworkConfig$ = [
      3,
      n0,
      _AIBNC,
      0,
      [_VC],
      [() => VpcConfig$]
    ];
    var AIBenchmarkOutputConfig$ = [
      3,
      n0,
      _AIBOC,
      0,
      [_SOL, _MC],
      [0, () => AIMlflowConfig$],
      1
    ];
    var AIBenchmarkOutputResult$ = [
      3,
      n0,
      _AIBOR,
      0,
      [_SOL, _CWL, _MC],
      [0, () => AICloudWatchLogsList, () => AIMlflowConfig$],
      1
    ];
    var AICapacityReservationConfig$ = [
      3,
      n0,
      _AICRC,
      0,
      [_CRP, _MRA],
      [0, 64 | 0]
    ];
    var AICloudWatchLogs$ = [
      3,
      n0,
      _AICWL,
      0,
      [_LGA, _LSN],
      [0, 0]
    ];
    var AIMlflowConfig$ = [
      3,
      n0,
      _AIMC,
      0,
      [_MRAl, _MEN, _MRN],
      [0, 0, 0],
      1
    ];
    var AIModelSourceS3$ = [
      3,
      n0,
      _AIMSS,
      0,
      [_SUr],
      [0]
    ];
    var AIRecommendation$ = [
      3,
      n0,
      _AIR,
      0,
      [_RD, _OD, _MD, _DC, _AIBJA, _EP, _AD],
      [0, () => AIRecommendationOptimizationDetailList, () => AIRecommendationModelDetails$, () => AIRecommendationDeploymentConfiguration$, 0, () => ExpectedPerformanceList, () => AIRecommendationAdapterDetails$]
    ];
    var AIRecommendationAdapterDetails$ = [
      3,
      n0,
      _AIRAD,
      0,
      [_MPAo, _SUri],
      [() => AIAdapterModelPackageEntryList, () => AIAdapterS3EntryList],
      2
    ];
    var AIRecommendationComputeSpec$ = [
      3,
      n0,
      _AIRCS,
      0,
      [_IT, _CRC],
      [64 | 0, () => AICapacityReservationConfig$]
    ];
    var AIRecommendationConstraint$ = [
      3,
      n0,
      _AIRC,
      0,
      [_Me],
      [0],
      1
    ];
    var AIRecommendationDeploymentConfiguration$ = [
      3,
      n0,
      _AIRDC,
      0,
      [_S_, _IU, _ITn, _ICn, _CCPI, _EV, _MCMRIM],
      [() => AIRecommendationDeploymentS3ChannelList, 0, 0, 1, 1, 128 | 0, 1]
    ];
    var AIRecommendationDeploymentS3Channel$ = [
      3,
      n0,
      _AIRDSC,
      0,
      [_CN, _U],
      [0, 0]
    ];
    var AIRecommendationInferenceSpecification$ = [
      3,
      n0,
      _AIRIS,
      0,
      [_F],
      [0]
    ];
    var AIRecommendationInstanceDetail$ = [
      3,
      n0,
      _AIRID,
      0,
      [_ITn, _ICn, _CCPI],
      [0, 1, 1]
    ];
    var AIRecommendationJobSummary$ = [
      3,
      n0,
      _AIRJS,
      0,
      [_AIRJN, _AIRJA, _AIRJSe, _CT, _ETn],
      [0, 0, 0, 4, 4],
      4
    ];
    var AIRecommendationModelDetails$ = [
      3,
      n0,
      _AIRMD,
      0,
      [_MPA, _ISN, _ID],
      [0, 0, () => AIRecommendationInstanceDetailList]
    ];
    var AIRecommendationOptimizationDetail$ = [
      3,
      n0,
      _AIROD,
      0,
      [_OT, _OC],
      [0, 128 | 0],
      1
    ];
    var AIRecommendationOutputConfig$ = [
      3,
      n0,
      _AIROC,
      0,
      [_SOL, _MPGI, _MC],
      [0, 0, () => AIMlflowConfig$]
    ];
    var AIRecommendationOutputResult$ = [
      3,
      n0,
      _AIROR,
      0,
      [_SOL, _MPGI, _MC],
      [0, 0, () => AIMlflowConfig$],
      1
    ];
    var AIRecommendationPerformanceMetric$ = [
      3,
      n0,
      _AIRPM,
      0,
      [_Me, _Va, _Sta, _Un],
      [0, 0, 0, 0],
      2
    ];
    var AIRecommendationPerformanceTarget$ = [
      3,
      n0,
      _AIRPT,
      0,
      [_Con],
      [() => AIRecommendationConstraintList],
      1
    ];
    var AIWorkloadConfigs$ = [
      3,
      n0,
      _AIWC,
      0,
      [_WS],
      [() => WorkloadSpec$],
      1
    ];
    var AIWorkloadConfigSummary$ = [
      3,
      n0,
      _AIWCS,
      0,
      [_AIWCN, _AIWCA, _CT],
      [0, 0, 4],
      3
    ];
    var AIWorkloadDataSource$ = [
      3,
      n0,
      _AIWDS,
      0,
      [_SDS],
      [() => AIWorkloadS3DataSource$]
    ];
    var AIWorkloadInputDataConfig$ = [
      3,
      n0,
      _AIWIDC,
      0,
      [_CN, _DS],
      [0, () => AIWorkloadDataSource$],
      2
    ];
    var AIWorkloadS3DataSource$ = [
      3,
      n0,
      _AIWSDS,
      0,
      [_SUr],
      [0],
      1
    ];
    var Alarm$ = [
      3,
      n0,
      _A,
      0,
      [_ANl],
      [0]
    ];
    var AlarmDetails$ = [
      3,
      n0,
      _ADl,
      0,
      [_ANl],
      [0],
      1
    ];
    var AlgorithmSpecification$ = [
      3,
      n0,
      _ASl,
      0,
      [_TIM, _TI, _ANlg, _MDe, _ESMMTS, _CEo, _CA, _TIC],
      [0, 0, 0, () => MetricDefinitionList, 2, 64 | 0, 64 | 0, () => TrainingImageConfig$],
      1
    ];
    var AlgorithmStatusDetails$ = [
      3,
      n0,
      _ASD,
      0,
      [_VS, _ISS],
      [() => AlgorithmStatusItemList, () => AlgorithmStatusItemList]
    ];
    var AlgorithmStatusItem$ = [
      3,
      n0,
      _ASI,
      0,
      [_N, _St, _FR],
      [0, 0, 0],
      2
    ];
    var AlgorithmSummary$ = [
      3,
      n0,
      _ASlg,
      0,
      [_ANlg, _AAl, _CT, _ASlgo, _ADlg],
      [0, 0, 4, 0, 0],
      4
    ];
    var AlgorithmValidationProfile$ = [
      3,
      n0,
      _AVP,
      0,
      [_PN, _TJD, _TJDr],
      [0, () => TrainingJobDefinition$, () => TransformJobDefinition$],
      2
    ];
    var AlgorithmValidationSpecification$ = [
      3,
      n0,
      _AVS,
      0,
      [_VR, _VP],
      [0, () => AlgorithmValidationProfiles],
      2
    ];
    var AmazonQSettings$ = [
      3,
      n0,
      _AQS,
      0,
      [_St, _QPA],
      [0, 0]
    ];
    var AnnotationConsolidationConfig$ = [
      3,
      n0,
      _ACC,
      0,
      [_ACLA],
      [0],
      1
    ];
    var AppDetails$ = [
      3,
      n0,
      _ADp,
      0,
      [_DI, _UPN, _SN, _ATp, _ANp, _St, _CT, _RS],
      [0, 0, 0, 0, 0, 0, 4, () => ResourceSpec$]
    ];
    var AppImageConfigDetails$ = [
      3,
      n0,
      _AICD,
      0,
      [_AICA, _AICN, _CT, _LMT, _KGIC, _JLAIC, _CEAIC],
      [0, 0, 4, 4, () => KernelGatewayImageConfig$, () => JupyterLabAppImageConfig$, () => CodeEditorAppImageConfig$]
    ];
    var AppLifecycleManagement$ = [
      3,
      n0,
      _ALM,
      0,
      [_IS],
      [() => IdleSettings$]
    ];
    var AppSpecification$ = [
      3,
      n0,
      _ASp,
      0,
      [_IU, _CEo, _CA],
      [0, 64 | 0, 64 | 0],
      1
    ];
    var ArtifactSource$ = [
      3,
      n0,
      _ASr,
      0,
      [_SU, _STo],
      [0, () => ArtifactSourceTypes],
      1
    ];
    var ArtifactSourceType$ = [
      3,
      n0,
      _AST,
      0,
      [_SIT, _Va],
      [0, 0],
      2
    ];
    var ArtifactSummary$ = [
      3,
      n0,
      _ASrt,
      0,
      [_AAr, _ANr, _S, _ATr, _CT, _LMT],
      [0, 0, () => ArtifactSource$, 0, 4, 4]
    ];
    var AssociateTrialComponentRequest$ = [
      3,
      n0,
      _ATCR,
      0,
      [_TCN, _TN],
      [0, 0],
      2
    ];
    var AssociateTrialComponentResponse$ = [
      3,
      n0,
      _ATCRs,
      0,
      [_TCA, _TA],
      [0, 0]
    ];
    var AssociationInfo$ = [
      3,
      n0,
      _AIs,
      0,
      [_SA, _DA],
      [0, 0],
      2
    ];
    var AssociationSummary$ = [
      3,
      n0,
      _ASs,
      0,
      [_SA, _DA, _ST, _DT, _ATs, _SNo, _DN, _CT, _CB],
      [0, 0, 0, 0, 0, 0, 0, 4, () => UserContext$]
    ];
    var AsyncInferenceClientConfig$ = [
      3,
      n0,
      _AICC,
      0,
      [_MCIPI],
      [1]
    ];
    var AsyncInferenceConfig$ = [
      3,
      n0,
      _AIC,
      0,
      [_OCu, _CC],
      [() => AsyncInferenceOutputConfig$, () => AsyncInferenceClientConfig$],
      1
    ];
    var AsyncInferenceNotificationConfig$ = [
      3,
      n0,
      _AINC,
      0,
      [_STu, _ETr, _IIRI],
      [0, 0, 64 | 0]
    ];
    var AsyncInferenceOutputConfig$ = [
      3,
      n0,
      _AIOC,
      0,
      [_KKI, _SOP, _NC, _SFP],
      [0, 0, () => AsyncInferenceNotificationConfig$, 0]
    ];
    var AthenaDatasetDefinition$ = [
      3,
      n0,
      _ADD,
      0,
      [_Ca, _Da, _QS, _OSU, _OF, _WG, _KKI, _OCut],
      [0, 0, 0, 0, 0, 0, 0, 0],
      5
    ];
    var AttachClusterNodeNetworkInterfaceRequest$ = [
      3,
      n0,
      _ACNNIR,
      0,
      [_CNl, _NI, _NII],
      [0, 0, 0],
      3
    ];
    var AttachClusterNodeNetworkInterfaceResponse$ = [
      3,
      n0,
      _ACNNIRt,
      0,
      [_CAl, _NI, _NII, _AIt],
      [0, 0, 0, 0],
      4
    ];
    var AttachClusterNodeVolumeRequest$ = [
      3,
      n0,
      _ACNVR,
      0,
      [_CAl, _NI, _VI],
      [0, 0, 0],
      3
    ];
    var AttachClusterNodeVolumeResponse$ = [
      3,
      n0,
      _ACNVRt,
      0,
      [_CAl, _NI, _VI, _ATt, _St, _DNe],
      [0, 0, 0, 4, 0, 0],
      6
    ];
    var AuthorizedUrl$ = [
      3,
      n0,
      _AU,
      0,
      [_Ur, _LP],
      [0, 0]
    ];
    var AutoMLAlgorithmConfig$ = [
      3,
      n0,
      _AMLAC,
      0,
      [_AMLA],
      [64 | 0],
      1
    ];
    var AutoMLCandidate$ = [
      3,
      n0,
      _AMLC,
      0,
      [_CNa, _OS, _CSa, _CSan, _CT, _LMT, _FAMLJOM, _ICnf, _ETn, _FR, _CP, _ICD],
      [0, 0, () => CandidateSteps, 0, 4, 4, () => FinalAutoMLJobObjectiveMetric$, () => AutoMLContainerDefinitions, 4, 0, () => CandidateProperties$, () => AutoMLInferenceContainerDefinitions],
      6
    ];
    var AutoMLCandidateGenerationConfig$ = [
      3,
      n0,
      _AMLCGC,
      0,
      [_FSSU, _ACl],
      [0, () => AutoMLAlgorithmsConfig]
    ];
    var AutoMLCandidateStep$ = [
      3,
      n0,
      _AMLCS,
      0,
      [_CST, _CSA, _CSN],
      [0, 0, 0],
      3
    ];
    var AutoMLChannel$ = [
      3,
      n0,
      _AMLCu,
      0,
      [_TAN, _DS, _CTo, _CTon, _CTh, _SWAN],
      [0, () => AutoMLDataSource$, 0, 0, 0, 0],
      1
    ];
    var AutoMLComputeConfig$ = [
      3,
      n0,
      _AMLCC,
      0,
      [_ESCC],
      [() => EmrServerlessComputeConfig$]
    ];
    var AutoMLContainerDefinition$ = [
      3,
      n0,
      _AMLCD,
      0,
      [_Im, _MDU, _E],
      [0, 0, 128 | 0],
      2
    ];
    var AutoMLDataSource$ = [
      3,
      n0,
      _AMLDS,
      0,
      [_SDS],
      [() => AutoMLS3DataSource$],
      1
    ];
    var AutoMLDataSplitConfig$ = [
      3,
      n0,
      _AMLDSC,
      0,
      [_VF],
      [1]
    ];
    var AutoMLJobArtifacts$ = [
      3,
      n0,
      _AMLJA,
      0,
      [_CDNL, _DENL],
      [0, 0]
    ];
    var AutoMLJobChannel$ = [
      3,
      n0,
      _AMLJC,
      0,
      [_CTh, _CTon, _CTo, _DS],
      [0, 0, 0, () => AutoMLDataSource$]
    ];
    var AutoMLJobCompletionCriteria$ = [
      3,
      n0,
      _AMLJCC,
      0,
      [_MCa, _MRPTJIS, _MAMLJRIS],
      [1, 1, 1]
    ];
    var AutoMLJobConfig$ = [
      3,
      n0,
      _AMLJCu,
      0,
      [_CCo, _SC, _CGC, _DSC, _Mo],
      [() => AutoMLJobCompletionCriteria$, () => AutoMLSecurityConfig$, () => AutoMLCandidateGenerationConfig$, () => AutoMLDataSplitConfig$, 0]
    ];
    var AutoMLJobObjective$ = [
      3,
      n0,
      _AMLJO,
      0,
      [_MN],
      [0],
      1
    ];
    var AutoMLJobStepMetadata$ = [
      3,
      n0,
      _AMLJSM,
      0,
      [_Ar],
      [0]
    ];
    var AutoMLJobSummary$ = [
      3,
      n0,
      _AMLJS,
      0,
      [_AMLJN, _AMLJAu, _AMLJSu, _AMLJSS, _CT, _LMT, _ETn, _FR, _PFR],
      [0, 0, 0, 0, 4, 4, 4, 0, () => AutoMLPartialFailureReasons],
      6
    ];
    var AutoMLOutputDataConfig$ = [
      3,
      n0,
      _AMLODC,
      0,
      [_SOP, _KKI],
      [0, 0],
      1
    ];
    var AutoMLPartialFailureReason$ = [
      3,
      n0,
      _AMLPFR,
      0,
      [_PFM],
      [0]
    ];
    var AutoMLResolvedAttributes$ = [
      3,
      n0,
      _AMLRA,
      0,
      [_AMLJO, _CCo, _AMLPTRA],
      [() => AutoMLJobObjective$, () => AutoMLJobCompletionCriteria$, () => AutoMLProblemTypeResolvedAttributes$]
    ];
    var AutoMLS3DataSource$ = [
      3,
      n0,
      _AMLSDS,
      0,
      [_SDT, _SUr],
      [0, 0],
      2
    ];
    var AutoMLSecurityConfig$ = [
      3,
      n0,
      _AMLSC,
      0,
      [_VKKI, _EICTE, _VC],
      [0, 2, () => VpcConfig$]
    ];
    var AutoParameter$ = [
      3,
      n0,
      _AP,
      0,
      [_N, _VH],
      [0, 0],
      2
    ];
    var AutoRollbackConfig$ = [
      3,
      n0,
      _ARC,
      0,
      [_Al],
      [() => AlarmList]
    ];
    var Autotune$ = [
      3,
      n0,
      _Au,
      0,
      [_Mo],
      [0],
      1
    ];
    var AvailableUpgrade$ = [
      3,
      n0,
      _AUv,
      0,
      [_V, _RN],
      [0, 64 | 0]
    ];
    var BaseModel$ = [
      3,
      n0,
      _BM,
      0,
      [_HCN, _HCV, _RNe],
      [0, 0, 0]
    ];
    var BatchAddClusterNodesError$ = [
      3,
      n0,
      _BACNE,
      0,
      [_IGN, _EC, _FC, _AZ, _IT, _M],
      [0, 0, 1, 64 | 0, 64 | 0, 0],
      3
    ];
    var BatchAddClusterNodesRequest$ = [
      3,
      n0,
      _BACNR,
      0,
      [_CNl, _NTA, _CTl],
      [0, () => AddClusterNodeSpecificationList, [0, 4]],
      2
    ];
    var BatchAddClusterNodesResponse$ = [
      3,
      n0,
      _BACNRa,
      0,
      [_Su, _Fa],
      [() => NodeAdditionResultList, () => BatchAddClusterNodesErrorList],
      2
    ];
    var BatchDataCaptureConfig$ = [
      3,
      n0,
      _BDCC,
      0,
      [_DSU, _KKI, _GII],
      [0, 0, 2],
      1
    ];
    var BatchDeleteClusterNodeLogicalIdsError$ = [
      3,
      n0,
      _BDCNLIE,
      0,
      [_Cod, _M, _NLI],
      [0, 0, 0],
      3
    ];
    var BatchDeleteClusterNodesError$ = [
      3,
      n0,
      _BDCNE,
      0,
      [_Cod, _M, _NI],
      [0, 0, 0],
      3
    ];
    var BatchDeleteClusterNodesRequest$ = [
      3,
      n0,
      _BDCNR,
      0,
      [_CNl, _NIo, _NLIo],
      [0, 64 | 0, 64 | 0],
      1
    ];
    var BatchDeleteClusterNodesResponse$ = [
      3,
      n0,
      _BDCNRa,
      0,
      [_Fa, _Su, _FNLI, _SNLI],
      [() => BatchDeleteClusterNodesErrorList, 64 | 0, () => BatchDeleteClusterNodeLogicalIdsErrorList, 64 | 0]
    ];
    var BatchDescribeModelPackageError$ = [
      3,
      n0,
      _BDMPE,
      0,
      [_EC, _ER],
      [0, 0],
      2
    ];
    var BatchDescribeModelPackageInput$ = [
      3,
      n0,
      _BDMPI,
      0,
      [_MPAL],
      [64 | 0],
      1
    ];
    var BatchDescribeModelPackageOutput$ = [
      3,
      n0,
      _BDMPO,
      0,
      [_MPS, _BDMPEM],
      [() => ModelPackageSummaries, () => BatchDescribeModelPackageErrorMap]
    ];
    var BatchDescribeModelPackageSummary$ = [
      3,
      n0,
      _BDMPS,
      0,
      [_MPGN, _MPA, _CT, _ISn, _MPSo, _MPV, _MPD, _MAS, _MPRT],
      [0, 0, 4, () => InferenceSpecification$, 0, 1, 0, 0, 0],
      5
    ];
    var BatchRebootClusterNodeLogicalIdsError$ = [
      3,
      n0,
      _BRCNLIE,
      0,
      [_NLI, _EC, _M],
      [0, 0, 0],
      3
    ];
    var BatchRebootClusterNodesError$ = [
      3,
      n0,
      _BRCNE,
      0,
      [_NI, _EC, _M],
      [0, 0, 0],
      3
    ];
    var BatchRebootClusterNodesRequest$ = [
      3,
      n0,
      _BRCNR,
      0,
      [_CNl, _NIo, _NLIo],
      [0, 64 | 0, 64 | 0],
      1
    ];
    var BatchRebootClusterNodesResponse$ = [
      3,
      n0,
      _BRCNRa,
      0,
      [_Su, _Fa, _FNLI, _SNLI],
      [64 | 0, () => BatchRebootClusterNodesErrors, () => BatchRebootClusterNodeLogicalIdsErrors, 64 | 0]
    ];
    var BatchReplaceClusterNodeLogicalIdsError$ = [
      3,
      n0,
      _BRCNLIEa,
      0,
      [_NLI, _EC, _M],
      [0, 0, 0],
      3
    ];
    var BatchReplaceClusterNodesError$ = [
      3,
      n0,
      _BRCNEa,
      0,
      [_NI, _EC, _M],
      [0, 0, 0],
      3
    ];
    var BatchReplaceClusterNodesRequest$ = [
      3,
      n0,
      _BRCNRat,
      0,
      [_CNl, _NIo, _NLIo],
      [0, 64 | 0, 64 | 0],
      1
    ];
    var BatchReplaceClusterNodesResponse$ = [
      3,
      n0,
      _BRCNRatc,
      0,
      [_Su, _Fa, _FNLI, _SNLI],
      [64 | 0, () => BatchReplaceClusterNodesErrors, () => BatchReplaceClusterNodeLogicalIdsErrors, 64 | 0]
    ];
    var BatchTransformInput$ = [
      3,
      n0,
      _BTI,
      0,
      [_DCDSU, _DF, _LP, _SIM, _SDDT, _FA, _IA, _PA, _PTA, _STO, _ETO, _EFA],
      [0, () => MonitoringDatasetFormat$, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      3
    ];
    var BedrockCustomModelDeploymentMetadata$ = [
      3,
      n0,
      _BCMDM,
      0,
      [_Ar],
      [0]
    ];
    var BedrockCustomModelMetadata$ = [
      3,
      n0,
      _BCMM,
      0,
      [_Ar],
      [0]
    ];
    var BedrockModelImportMetadata$ = [
      3,
      n0,
      _BMIM,
      0,
      [_Ar],
      [0]
    ];
    var BedrockProvisionedModelThroughputMetadata$ = [
      3,
      n0,
      _BPMTM,
      0,
      [_Ar],
      [0]
    ];
    var BestObjectiveNotImproving$ = [
      3,
      n0,
      _BONI,
      0,
      [_MNOTJNI],
      [1]
    ];
    var Bias$ = [
      3,
      n0,
      _B,
      0,
      [_R, _PTR, _PTRo],
      [() => MetricsSource$, () => MetricsSource$, () => MetricsSource$]
    ];
    var BlueGreenUpdatePolicy$ = [
      3,
      n0,
      _BGUP,
      0,
      [_TRC, _TWIS, _METIS],
      [() => TrafficRoutingConfig$, 1, 1],
      1
    ];
    var CacheHitResult$ = [
      3,
      n0,
      _CHR,
      0,
      [_SPEA],
      [0]
    ];
    var CallbackStepMetadata$ = [
      3,
      n0,
      _CSM,
      0,
      [_CTa, _SQU, _OP],
      [0, 0, () => OutputParameterList]
    ];
    var CandidateArtifactLocations$ = [
      3,
      n0,
      _CAL,
      0,
      [_Ex, _MI, _BR],
      [0, 0, 0],
      1
    ];
    var CandidateGenerationConfig$ = [
      3,
      n0,
      _CGC,
      0,
      [_ACl],
      [() => AutoMLAlgorithmsConfig]
    ];
    var CandidateProperties$ = [
      3,
      n0,
      _CP,
      0,
      [_CAL, _CM],
      [() => CandidateArtifactLocations$, () => MetricDataList]
    ];
    var CanvasAppSettings$ = [
      3,
      n0,
      _CAS,
      0,
      [_TSFS, _MRS, _WSo, _IPOAS, _DDS, _KS, _GAS, _ESS],
      [() => TimeSeriesForecastingSettings$, () => ModelRegisterSettings$, () => WorkspaceSettings$, () => IdentityProviderOAuthSettings, () => DirectDeploySettings$, () => KendraSettings$, () => GenerativeAiSettings$, () => EmrServerlessSettings$]
    ];
    var CapacityReservation$ = [
      3,
      n0,
      _CR,
      0,
      [_Ar, _T],
      [0, 0]
    ];
    var CapacitySize$ = [
      3,
      n0,
      _CSap,
      0,
      [_T, _Va],
      [0, 1],
      2
    ];
    var CapacitySizeConfig$ = [
      3,
      n0,
      _CSC,
      0,
      [_T, _Va],
      [0, 1],
      2
    ];
    var CaptureContentTypeHeader$ = [
      3,
      n0,
      _CCTH,
      0,
      [_CCT, _JCT],
      [64 | 0, 64 | 0]
    ];
    var CaptureOption$ = [
      3,
      n0,
      _CO,
      0,
      [_CMa],
      [0],
      1
    ];
    var CategoricalParameter$ = [
      3,
      n0,
      _CPa,
      0,
      [_N, _Va],
      [0, 64 | 0],
      2
    ];
    var CategoricalParameterRange$ = [
      3,
      n0,
      _CPR,
      0,
      [_N, _Val],
      [0, 64 | 0],
      2
    ];
    var CategoricalParameterRangeSpecification$ = [
      3,
      n0,
      _CPRS,
      0,
      [_Val],
      [64 | 0],
      1
    ];
    var CfnCreateTemplateProvider$ = [
      3,
      n0,
      _CCTP,
      0,
      [_TNe, _TURL, _RARN, _P],
      [0, 0, 0, () => CfnStackCreateParameters],
      2
    ];
    var CfnStackCreateParameter$ = [
      3,
      n0,
      _CSCP,
      0,
      [_K, _Va],
      [0, 0],
      1
    ];
    var CfnStackDetail$ = [
      3,
      n0,
      _CSD,
      0,
      [_SM, _N, _Id],
      [0, 0, 0],
      1
    ];
    var CfnStackParameter$ = [
      3,
      n0,
      _CSP,
      0,
      [_K, _Va],
      [0, 0],
      1
    ];
    var CfnStackUpdateParameter$ = [
      3,
      n0,
      _CSUP,
      0,
      [_K, _Va],
      [0, 0],
      1
    ];
    var CfnTemplateProviderDetail$ = [
      3,
      n0,
      _CTPD,
      0,
      [_TNe, _TURL, _RARN, _P, _SD],
      [0, 0, 0, () => CfnStackParameters, () => CfnStackDetail$],
      2
    ];
    var CfnUpdateTemplateProvider$ = [
      3,
      n0,
      _CUTP,
      0,
      [_TNe, _TURL, _P],
      [0, 0, () => CfnStackUpdateParameters],
      2
    ];
    var Channel$ = [
      3,
      n0,
      _Ch,
      0,
      [_CN, _DS, _CTon, _CTo, _RWT, _IM, _SCh],
      [0, () => DataSource$, 0, 0, 0, 0, () => ShuffleConfig$],
      2
    ];
    var ChannelSpecification$ = [
      3,
      n0,
      _CSh,
      0,
      [_N, _SCT, _SIMu, _D, _IR, _SCTu],
      [0, 64 | 0, 64 | 0, 0, 2, 64 | 0],
      3
    ];
    var CheckpointConfig$ = [
      3,
      n0,
      _CCh,
      0,
      [_SUr, _LP],
      [0, 0],
      1
    ];
    var ClarifyCheckStepMetadata$ = [
      3,
      n0,
      _CCSM,
      0,
      [_CThe, _BUFDCC, _CBC, _MPGN, _VRi, _CJA, _SCk, _RNB],
      [0, 0, 0, 0, 0, 0, 2, 2]
    ];
    var ClarifyExplainerConfig$ = [
      3,
      n0,
      _CEC,
      0,
      [_SCha, _EEn, _ICnfe],
      [() => ClarifyShapConfig$, 0, () => ClarifyInferenceConfig$],
      1
    ];
    var ClarifyInferenceConfig$ = [
      3,
      n0,
      _CIC,
      0,
      [_FA, _CTont, _MRC, _MPIMB, _PI, _LI, _PA, _LA, _LH, _FH, _FT],
      [0, 0, 1, 1, 1, 1, 0, 0, 64 | 0, 64 | 0, 64 | 0]
    ];
    var ClarifyShapBaselineConfig$ = [
      3,
      n0,
      _CSBC,
      0,
      [_MT, _SB, _SBU],
      [0, 0, 0]
    ];
    var ClarifyShapConfig$ = [
      3,
      n0,
      _CSCl,
      0,
      [_SBC, _NOS, _UL, _Se, _TC],
      [() => ClarifyShapBaselineConfig$, 1, 2, 1, () => ClarifyTextConfig$],
      1
    ];
    var ClarifyTextConfig$ = [
      3,
      n0,
      _CTC,
      0,
      [_L, _G],
      [0, 0],
      2
    ];
    var ClusterAutoPatchConfig$ = [
      3,
      n0,
      _CAPC,
      0,
      [_PS, _PSa, _DCe],
      [0, () => ClusterPatchSchedule$, () => DeploymentConfiguration$],
      1
    ];
    var ClusterAutoPatchConfigDetails$ = [
      3,
      n0,
      _CAPCD,
      0,
      [_PS, _CPS, _DPS, _DCe],
      [0, () => ClusterPatchScheduleDetails$, () => ClusterPatchScheduleDetails$, () => DeploymentConfiguration$]
    ];
    var ClusterAutoScalingConfig$ = [
      3,
      n0,
      _CASC,
      0,
      [_Mo, _ASTu],
      [0, 0],
      1
    ];
    var ClusterAutoScalingConfigOutput$ = [
      3,
      n0,
      _CASCO,
      0,
      [_Mo, _St, _ASTu, _FM],
      [0, 0, 0, 0],
      2
    ];
    var ClusterCapacityRequirements$ = [
      3,
      n0,
      _CCR,
      0,
      [_Sp, _ODn],
      [() => ClusterSpotOptions$, () => ClusterOnDemandOptions$]
    ];
    var ClusterEbsVolumeConfig$ = [
      3,
      n0,
      _CEVC,
      0,
      [_VSIGB, _VKKI, _RV],
      [1, 0, 2]
    ];
    var ClusterEventDetail$ = [
      3,
      n0,
      _CED,
      0,
      [_EI, _CAl, _CNl, _RT, _ETv, _IGN, _II, _ED, _D, _EL],
      [0, 0, 0, 0, 4, 0, 0, () => EventDetails$, 0, 0],
      5
    ];
    var ClusterEventSummary$ = [
      3,
      n0,
      _CES,
      0,
      [_EI, _CAl, _CNl, _RT, _ETv, _IGN, _II, _D, _EL],
      [0, 0, 0, 0, 4, 0, 0, 0, 0],
      5
    ];
    var ClusterFsxLustreConfig$ = [
      3,
      n0,
      _CFLC,
      0,
      [_DNn, _MNo, _MP],
      [0, 0, 0],
      2
    ];
    var ClusterFsxOpenZfsConfig$ = [
      3,
      n0,
      _CFOZC,
      0,
      [_DNn, _MP],
      [0, 0],
      1
    ];
    var ClusterInstanceGroupDetails$ = [
      3,
      n0,
      _CIGD,
      0,
      [_CCu, _TCa, _MCi, _IGN, _ITn, _IRn, _ITD, _LCC, _ERx, _TPC, _ISC, _OSDHC, _St, _TPA, _TPS, _OVC, _SUC, _APCu, _CII, _DII, _CIRV, _DIRV, _IVS, _AO, _KC, _CRa, _TSC, _SUS, _ASUC, _SCl, _NIe],
      [1, 1, 1, 0, 0, () => ClusterInstanceRequirementDetails$, () => ClusterInstanceTypeDetails, () => ClusterLifeCycleConfig$, 0, 1, () => ClusterInstanceStorageConfigs, 64 | 0, 0, 0, 0, () => VpcConfig$, () => ScheduledUpdateConfig$, () => ClusterAutoPatchConfigDetails$, 0, 0, 0, 0, 0, 128 | 1, () => ClusterKubernetesConfigDetails$, () => ClusterCapacityRequirements$, 1, 0, () => DeploymentConfiguration$, () => ClusterSlurmConfigDetails$, () => ClusterNetworkInterfaceDetails$]
    ];
    var ClusterInstanceGroupSpecification$ = [
      3,
      n0,
      _CIGS,
      0,
      [_ICn, _IGN, _ERx, _MIC, _ITn, _IRn, _LCC, _TPC, _ISC, _OSDHC, _TPA, _OVC, _SUC, _IIm, _APCu, _IRV, _KC, _SCl, _CRa, _NIe],
      [1, 0, 0, 1, 0, () => ClusterInstanceRequirements$, () => ClusterLifeCycleConfig$, 1, () => ClusterInstanceStorageConfigs, 64 | 0, 0, () => VpcConfig$, () => ScheduledUpdateConfig$, 0, () => ClusterAutoPatchConfig$, 0, () => ClusterKubernetesConfig$, () => ClusterSlurmConfig$, () => ClusterCapacityRequirements$, () => ClusterNetworkInterface$],
      3
    ];
    var ClusterInstancePlacement$ = [
      3,
      n0,
      _CIP,
      0,
      [_AZv, _AZI],
      [0, 0]
    ];
    var ClusterInstanceRequirementDetails$ = [
      3,
      n0,
      _CIRD,
      0,
      [_CIT, _DIT],
      [64 | 0, 64 | 0]
    ];
    var ClusterInstanceRequirements$ = [
      3,
      n0,
      _CIR,
      0,
      [_IT],
      [64 | 0],
      1
    ];
    var ClusterInstanceStatusDetails$ = [
      3,
      n0,
      _CISD,
      0,
      [_St, _M],
      [0, 0],
      1
    ];
    var ClusterInstanceTypeDetail$ = [
      3,
      n0,
      _CITD,
      0,
      [_ITn, _CCu, _TPC],
      [0, 1, 1]
    ];
    var ClusterKubernetesConfig$ = [
      3,
      n0,
      _CKC,
      0,
      [_La, _Tai],
      [128 | 0, () => ClusterKubernetesTaints]
    ];
    var ClusterKubernetesConfigDetails$ = [
      3,
      n0,
      _CKCD,
      0,
      [_CL, _DL, _CTu, _DTe],
      [128 | 0, 128 | 0, () => ClusterKubernetesTaints, () => ClusterKubernetesTaints]
    ];
    var ClusterKubernetesConfigNodeDetails$ = [
      3,
      n0,
      _CKCND,
      0,
      [_CL, _DL, _CTu, _DTe],
      [128 | 0, 128 | 0, () => ClusterKubernetesTaints, () => ClusterKubernetesTaints]
    ];
    var ClusterKubernetesTaint$ = [
      3,
      n0,
      _CKT,
      0,
      [_K, _Ef, _Va],
      [0, 0, 0],
      2
    ];
    var ClusterLifeCycleConfig$ = [
      3,
      n0,
      _CLCC,
      0,
      [_SSU, _OCn, _OIC],
      [0, 0, 0]
    ];
    var ClusterMetadata$ = [
      3,
      n0,
      _CMl,
      0,
      [_FM, _ERAE, _SAE],
      [0, 64 | 0, 0]
    ];
    var ClusterNetworkInterface$ = [
      3,
      n0,
      _CNI,
      0,
      [_ITnt],
      [0]
    ];
    var ClusterNetworkInterfaceDetails$ = [
      3,
      n0,
      _CNID,
      0,
      [_ITnt],
      [0]
    ];
    var ClusterNodeDetails$ = [
      3,
      n0,
      _CND,
      0,
      [_IGN, _II, _NLI, _ISns, _ITn, _LT, _LSUT, _LCC, _OVC, _TPC, _ISC, _PPI, _PPIr, _PDH, _Pl, _CII, _DII, _CIRV, _DIRV, _IVS, _USI, _KC, _CTap, _NIe],
      [0, 0, 0, () => ClusterInstanceStatusDetails$, 0, 4, 4, () => ClusterLifeCycleConfig$, () => VpcConfig$, 1, () => ClusterInstanceStorageConfigs, 0, 0, 0, () => ClusterInstancePlacement$, 0, 0, 0, 0, 0, () => UltraServerInfo$, () => ClusterKubernetesConfigNodeDetails$, 0, () => ClusterNetworkInterfaceDetails$]
    ];
    var ClusterNodeSummary$ = [
      3,
      n0,
      _CNS,
      0,
      [_IGN, _II, _ITn, _LT, _ISns, _NLI, _LSUT, _USI, _PDH, _CIRV, _IVS],
      [0, 0, 0, 4, () => ClusterInstanceStatusDetails$, 0, 4, () => UltraServerInfo$, 0, 0, 0],
      5
    ];
    var ClusterOnDemandOptions$ = [
      3,
      n0,
      _CODO,
      0,
      [],
      []
    ];
    var ClusterOrchestrator$ = [
      3,
      n0,
      _COl,
      0,
      [_Ek, _Sl],
      [() => ClusterOrchestratorEksConfig$, () => ClusterOrchestratorSlurmConfig$]
    ];
    var ClusterOrchestratorEksConfig$ = [
      3,
      n0,
      _COEC,
      0,
      [_CAl],
      [0],
      1
    ];
    var ClusterOrchestratorSlurmConfig$ = [
      3,
      n0,
      _COSC,
      0,
      [_SCS],
      [0]
    ];
    var ClusterPatchSchedule$ = [
      3,
      n0,
      _CPSl,
      0,
      [_NPD],
      [4]
    ];
    var ClusterPatchScheduleDetails$ = [
      3,
      n0,
      _CPSD,
      0,
      [_NPD],
      [4]
    ];
    var ClusterRestrictedInstanceGroupDetails$ = [
      3,
      n0,
      _CRIGD,
      0,
      [_CCu, _TCa, _IGN, _ITn, _ERx, _TPC, _ISC, _OSDHC, _St, _TPA, _TPS, _OVC, _SUC, _ECn],
      [1, 1, 0, 0, 0, 1, () => ClusterInstanceStorageConfigs, 64 | 0, 0, 0, 0, () => VpcConfig$, () => ScheduledUpdateConfig$, () => EnvironmentConfigDetails$]
    ];
    var ClusterRestrictedInstanceGroupsConfig$ = [
      3,
      n0,
      _CRIGC,
      0,
      [_SEC],
      [() => ClusterSharedEnvironmentConfig$],
      1
    ];
    var ClusterRestrictedInstanceGroupsConfigOutput$ = [
      3,
      n0,
      _CRIGCO,
      0,
      [_SEC],
      [() => ClusterSharedEnvironmentConfigDetails$],
      1
    ];
    var ClusterRestrictedInstanceGroupSpecification$ = [
      3,
      n0,
      _CRIGS,
      0,
      [_ICn, _IGN, _ITn, _ERx, _TPC, _ISC, _OSDHC, _TPA, _OVC, _SUC, _ECn],
      [1, 0, 0, 0, 1, () => ClusterInstanceStorageConfigs, 64 | 0, 0, () => VpcConfig$, () => ScheduledUpdateConfig$, () => EnvironmentConfig$],
      4
    ];
    var ClusterSchedulerConfigSummary$ = [
      3,
      n0,
      _CSCS,
      0,
      [_CSCA, _CSCI, _N, _CT, _St, _CSCV, _LMT, _CAl],
      [0, 0, 0, 4, 0, 1, 4, 0],
      5
    ];
    var ClusterSharedEnvironmentConfig$ = [
      3,
      n0,
      _CSEC,
      0,
      [_FSLDP, _FSLC],
      [0, () => FSxLustreConfig$],
      2
    ];
    var ClusterSharedEnvironmentConfigDetails$ = [
      3,
      n0,
      _CSECD,
      0,
      [_CFSLC, _DFSLC, _CFSLDP, _DFSLDP],
      [() => FSxLustreConfig$, () => FSxLustreConfig$, 0, 0]
    ];
    var ClusterSlurmConfig$ = [
      3,
      n0,
      _CSClu,
      0,
      [_NT, _PNa],
      [0, 64 | 0],
      1
    ];
    var ClusterSlurmConfigDetails$ = [
      3,
      n0,
      _CSCD,
      0,
      [_NT, _PNa],
      [0, 64 | 0],
      1
    ];
    var ClusterSpotOptions$ = [
      3,
      n0,
      _CSO,
      0,
      [],
      []
    ];
    var ClusterSummary$ = [
      3,
      n0,
      _CSl,
      0,
      [_CAl, _CNl, _CT, _CSlu, _TPAr, _IVS],
      [0, 0, 4, 0, 64 | 0, 0],
      4
    ];
    var ClusterTieredStorageConfig$ = [
      3,
      n0,
      _CTSC,
      0,
      [_Mo, _IMAP],
      [0, 1],
      1
    ];
    var CodeEditorAppImageConfig$ = [
      3,
      n0,
      _CEAIC,
      0,
      [_FSC, _CCon],
      [() => FileSystemConfig$, () => ContainerConfig$]
    ];
    var CodeEditorAppSettings$ = [
      3,
      n0,
      _CEAS,
      0,
      [_DRS, _CI, _LCA, _ALM, _BILCA],
      [() => ResourceSpec$, () => CustomImages, 64 | 0, () => AppLifecycleManagement$, 0]
    ];
    var CodeRepository$ = [
      3,
      n0,
      _CRo,
      0,
      [_RU],
      [0],
      1
    ];
    var CodeRepositorySummary$ = [
      3,
      n0,
      _CRS,
      0,
      [_CRN, _CRA, _CT, _LMT, _GC],
      [0, 0, 4, 4, () => GitConfig$],
      4
    ];
    var CognitoConfig$ = [
      3,
      n0,
      _CCog,
      0,
      [_UP, _CIl],
      [0, 0],
      2
    ];
    var CognitoMemberDefinition$ = [
      3,
      n0,
      _CMD,
      0,
      [_UP, _UG, _CIl],
      [0, 0, 0],
      3
    ];
    var CollectionConfiguration$ = [
      3,
      n0,
      _CCol,
      0,
      [_CNo, _CPo],
      [0, 128 | 0]
    ];
    var CompilationJobSummary$ = [
      3,
      n0,
      _CJS,
      0,
      [_CJN, _CJAo, _CT, _CJSo, _CSTo, _CET, _CTD, _CTPO, _CTPA, _CTPAo, _LMT],
      [0, 0, 4, 0, 4, 4, 0, 0, 0, 0, 4],
      4
    ];
    var ComputeQuotaConfig$ = [
      3,
      n0,
      _CQC,
      0,
      [_CQR, _RSC, _PTT],
      [() => ComputeQuotaResourceConfigList, () => ResourceSharingConfig$, 0]
    ];
    var ComputeQuotaResourceConfig$ = [
      3,
      n0,
      _CQRC,
      0,
      [_ITn, _C, _Ac, _VCp, _MIGB, _APc],
      [0, 1, 1, 1, 1, () => AcceleratorPartitionConfig$],
      1
    ];
    var ComputeQuotaSummary$ = [
      3,
      n0,
      _CQS,
      0,
      [_CQA, _CQI, _N, _St, _CQT, _CT, _CQV, _CAl, _CQC, _ASct, _LMT],
      [0, 0, 0, 0, () => ComputeQuotaTarget$, 4, 1, 0, () => ComputeQuotaConfig$, 0, 4],
      6
    ];
    var ComputeQuotaTarget$ = [
      3,
      n0,
      _CQT,
      0,
      [_TNea, _FSW],
      [0, 1],
      1
    ];
    var ConditionStepMetadata$ = [
      3,
      n0,
      _CSMo,
      0,
      [_O],
      [0]
    ];
    var ContainerConfig$ = [
      3,
      n0,
      _CCon,
      0,
      [_CA, _CEo, _CEV],
      [64 | 0, 64 | 0, 128 | 0]
    ];
    var ContainerDefinition$ = [
      3,
      n0,
      _CD,
      0,
      [_CH, _Im, _ICm, _Mo, _MDU, _MDS, _AMDSd, _E, _MPN, _ISN, _MMC, _CMC],
      [0, 0, () => ImageConfig$, 0, 0, () => ModelDataSource$, () => AdditionalModelDataSources, 128 | 0, 0, 0, () => MultiModelConfig$, () => ContainerMetricsConfig$]
    ];
    var ContainerMetricsConfig$ = [
      3,
      n0,
      _CMC,
      0,
      [_ME],
      [() => MetricsEndpointList]
    ];
    var ContextSource$ = [
      3,
      n0,
      _CSo,
      0,
      [_SU, _ST, _SI],
      [0, 0, 0],
      1
    ];
    var ContextSummary$ = [
      3,
      n0,
      _CSon,
      0,
      [_CAo, _CNon, _S, _CTonte, _CT, _LMT],
      [0, 0, () => ContextSource$, 0, 4, 4]
    ];
    var ContinuousParameterRange$ = [
      3,
      n0,
      _CPRo,
      0,
      [_N, _MV, _MVa, _STc],
      [0, 0, 0, 0],
      3
    ];
    var ContinuousParameterRangeSpecification$ = [
      3,
      n0,
      _CPRSo,
      0,
      [_MV, _MVa],
      [0, 0],
      2
    ];
    var ConvergenceDetected$ = [
      3,
      n0,
      _CDo,
      0,
      [_COC],
      [0]
    ];
    var CreateActionRequest$ = [
      3,
      n0,
      _CAR,
      0,
      [_AN, _S, _AT, _D, _St, _Pr, _MPe, _Ta],
      [0, () => ActionSource$, 0, 0, 0, 128 | 0, () => MetadataProperties$, () => TagList],
      3
    ];
    var CreateActionResponse$ = [
      3,
      n0,
      _CARr,
      0,
      [_AA],
      [0]
    ];
    var CreateAIBenchmarkJobRequest$ = [
      3,
      n0,
      _CAIBJR,
      0,
      [_AIBJN, _BT, _OCu, _AIWCI, _RAo, _NCe, _Ta],
      [0, () => AIBenchmarkTarget$, () => AIBenchmarkOutputConfig$, 0, 0, () => AIBenchmarkNetworkConfig$, () => TagList],
      5
    ];
    var CreateAIBenchmarkJobResponse$ = [
      3,
      n0,
      _CAIBJRr,
      0,
      [_AIBJA],
      [0],
      1
    ];
    var CreateAIRecommendationJobRequest$ = [
      3,
      n0,
      _CAIRJR,
      0,
      [_AIRJN, _MS, _OCu, _AIWCI, _PT, _RAo, _ISn, _OM, _CSom, _ASd, _Ta],
      [0, () => AIModelSource$, () => AIRecommendationOutputConfig$, 0, () => AIRecommendationPerformanceTarget$, 0, () => AIRecommendationInferenceSpecification$, 2, () => AIRecommendationComputeSpec$, () => AIAdapterSource$, () => TagList],
      6
    ];
    var CreateAIRecommendationJobResponse$ = [
      3,
      n0,
      _CAIRJRr,
      0,
      [_AIRJA],
      [0],
      1
    ];
    var CreateAIWorkloadConfigRequest$ = [
      3,
      n0,
      _CAIWCR,
      0,
      [_AIWCN, _DCa, _AIWC, _Ta],
      [0, () => AIDatasetConfig$, () => AIWorkloadConfigs$, () => TagList],
      1
    ];
    var CreateAIWorkloadConfigResponse$ = [
      3,
      n0,
      _CAIWCRr,
      0,
      [_AIWCA],
      [0],
      1
    ];
    var CreateAlgorithmInput$ = [
      3,
      n0,
      _CAI,
      0,
      [_ANlg, _TS, _ADlg, _ISn, _VSa, _CFM, _Ta],
      [0, () => TrainingSpecification$, 0, () => InferenceSpecification$, () => AlgorithmValidationSpecification$, 2, () => TagList],
      2
    ];
    var CreateAlgorithmOutput$ = [
      3,
      n0,
      _CAO,
      0,
      [_AAl],
      [0],
      1
    ];
    var CreateAppImageConfigRequest$ = [
      3,
      n0,
      _CAICR,
      0,
      [_AICN, _Ta, _KGIC, _JLAIC, _CEAIC],
      [0, () => TagList, () => KernelGatewayImageConfig$, () => JupyterLabAppImageConfig$, () => CodeEditorAppImageConfig$],
      1
    ];
    var CreateAppImageConfigResponse$ = [
      3,
      n0,
      _CAICRr,
      0,
      [_AICA],
      [0]
    ];
    var CreateAppRequest$ = [
      3,
      n0,
      _CARre,
      0,
      [_DI, _ATp, _ANp, _UPN, _SN, _Ta, _RS, _RM],
      [0, 0, 0, 0, 0, () => TagList, () => ResourceSpec$, 2],
      3
    ];
    var CreateAppResponse$ = [
      3,
      n0,
      _CARrea,
      0,
      [_AAp],
      [0]
    ];
    var CreateArtifactRequest$ = [
      3,
      n0,
      _CARreat,
      0,
      [_S, _ATr, _ANr, _Pr, _MPe, _Ta],
      [() => ArtifactSource$, 0, 0, 128 | 0, () => MetadataProperties$, () => TagList],
      2
    ];
    var CreateArtifactResponse$ = [
      3,
      n0,
      _CARreate,
      0,
      [_AAr],
      [0]
    ];
    var CreateAutoMLJobRequest$ = [
      3,
      n0,
      _CAMLJR,
      0,
      [_AMLJN, _IDC, _ODC, _RAo, _PTr, _AMLJO, _AMLJCu, _GCDO, _Ta, _MDC],
      [0, () => AutoMLInputDataConfig, () => AutoMLOutputDataConfig$, 0, 0, () => AutoMLJobObjective$, () => AutoMLJobConfig$, 2, () => TagList, () => ModelDeployConfig$],
      4
    ];
    var CreateAutoMLJobResponse$ = [
      3,
      n0,
      _CAMLJRr,
      0,
      [_AMLJAu],
      [0],
      1
    ];
    var CreateAutoMLJobV2Request$ = [
      3,
      n0,
      _CAMLJVR,
      0,
      [_AMLJN, _AMLJIDC, _ODC, _AMLPTC, _RAo, _Ta, _SC, _AMLJO, _MDC, _DSC, _AMLCC],
      [0, () => AutoMLJobInputDataConfig, () => AutoMLOutputDataConfig$, () => AutoMLProblemTypeConfig$, 0, () => TagList, () => AutoMLSecurityConfig$, () => AutoMLJobObjective$, () => ModelDeployConfig$, () => AutoMLDataSplitConfig$, () => AutoMLComputeConfig$],
      5
    ];
    var CreateAutoMLJobV2Response$ = [
      3,
      n0,
      _CAMLJVRr,
      0,
      [_AMLJAu],
      [0],
      1
    ];
    var CreateClusterRequest$ = [
      3,
      n0,
      _CCRr,
      0,
      [_CNl, _IG, _RIG, _RIGC, _VC, _Ta, _Or, _NR, _TSCi, _NPM, _CRl, _ASu],
      [0, () => ClusterInstanceGroupSpecifications, () => ClusterRestrictedInstanceGroupSpecifications, () => ClusterRestrictedInstanceGroupsConfig$, () => VpcConfig$, () => TagList, () => ClusterOrchestrator$, 0, () => ClusterTieredStorageConfig$, 0, 0, () => ClusterAutoScalingConfig$],
      1
    ];
    var CreateClusterResponse$ = [
      3,
      n0,
      _CCRre,
      0,
      [_CAl],
      [0],
      1
    ];
    var CreateClusterSchedulerConfigRequest$ = [
      3,
      n0,
      _CCSCR,
      0,
      [_N, _CAl, _SCc, _D, _Ta],
      [0, 0, () => SchedulerConfig$, 0, () => TagList],
      3
    ];
    var CreateClusterSchedulerConfigResponse$ = [
      3,
      n0,
      _CCSCRr,
      0,
      [_CSCA, _CSCI],
      [0, 0],
      2
    ];
    var CreateCodeRepositoryInput$ = [
      3,
      n0,
      _CCRI,
      0,
      [_CRN, _GC, _Ta],
      [0, () => GitConfig$, () => TagList],
      2
    ];
    var CreateCodeRepositoryOutput$ = [
      3,
      n0,
      _CCRO,
      0,
      [_CRA],
      [0],
      1
    ];
    var CreateCompilationJobRequest$ = [
      3,
      n0,
      _CCJR,
      0,
      [_CJN, _RAo, _OCu, _SCt, _MPVA, _ICnp, _VC, _Ta],
      [0, 0, () => OutputConfig$, () => StoppingCondition$, 0, () => InputConfig$, () => NeoVpcConfig$, () => TagList],
      4
    ];
    var CreateCompilationJobResponse$ = [
      3,
      n0,
      _CCJRr,
      0,
      [_CJAo],
      [0],
      1
    ];
    var CreateComputeQuotaRequest$ = [
      3,
      n0,
      _CCQR,
      0,
      [_N, _CAl, _CQC, _CQT, _D, _ASct, _Ta],
      [0, 0, () => ComputeQuotaConfig$, () => ComputeQuotaTarget$, 0, 0, () => TagList],
      4
    ];
    var CreateComputeQuotaResponse$ = [
      3,
      n0,
      _CCQRr,
      0,
      [_CQA, _CQI],
      [0, 0],
      2
    ];
    var CreateContextRequest$ = [
      3,
      n0,
      _CCRrea,
      0,
      [_CNon, _S, _CTonte, _D, _Pr, _Ta],
      [0, () => ContextSource$, 0, 0, 128 | 0, () => TagList],
      3
    ];
    var CreateContextResponse$ = [
      3,
      n0,
      _CCRreat,
      0,
      [_CAo],
      [0]
    ];
    var CreateDataQualityJobDefinitionRequest$ = [
      3,
      n0,
      _CDQJDR,
      0,
      [_JDN, _DQAS, _DQJI, _DQJOC, _JR, _RAo, _DQBC, _NCe, _SCt, _Ta],
      [0, () => DataQualityAppSpecification$, () => DataQualityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => DataQualityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$, () => TagList],
      6
    ];
    var CreateDataQualityJobDefinitionResponse$ = [
      3,
      n0,
      _CDQJDRr,
      0,
      [_JDA],
      [0],
      1
    ];
    var CreateDeviceFleetRequest$ = [
      3,
      n0,
      _CDFR,
      0,
      [_DFN, _OCu, _RAo, _D, _Ta, _EIRA],
      [0, () => EdgeOutputConfig$, 0, 0, () => TagList, 2],
      2
    ];
    var CreateDomainRequest$ = [
      3,
      n0,
      _CDR,
      0,
      [_DNo, _AM, _DUS, _DSo, _SIu, _VIp, _Ta, _ANAT, _HEFSKKI, _KKI, _ASGM, _HEFSC, _TP, _DSS],
      [0, 0, () => UserSettings$, () => DomainSettings$, 64 | 0, 0, () => TagList, 0, 0, 0, 0, 0, 0, () => DefaultSpaceSettings$],
      3
    ];
    var CreateDomainResponse$ = [
      3,
      n0,
      _CDRr,
      0,
      [_DAo, _DI, _Ur],
      [0, 0, 0]
    ];
    var CreateEdgeDeploymentPlanRequest$ = [
      3,
      n0,
      _CEDPR,
      0,
      [_EDPN, _MCo, _DFN, _Stag, _Ta],
      [0, () => EdgeDeploymentModelConfigs, 0, () => DeploymentStages, () => TagList],
      3
    ];
    var CreateEdgeDeploymentPlanResponse$ = [
      3,
      n0,
      _CEDPRr,
      0,
      [_EDPA],
      [0],
      1
    ];
    var CreateEdgeDeploymentStageRequest$ = [
      3,
      n0,
      _CEDSR,
      0,
      [_EDPN, _Stag],
      [0, () => DeploymentStages],
      2
    ];
    var CreateEdgePackagingJobRequest$ = [
      3,
      n0,
      _CEPJR,
      0,
      [_EPJN, _CJN, _MNod, _MVo, _RAo, _OCu, _RK, _Ta],
      [0, 0, 0, 0, 0, () => EdgeOutputConfig$, 0, () => TagList],
      6
    ];
    var CreateEndpointConfigInput$ = [
      3,
      n0,
      _CECI,
      0,
      [_ECN, _PV, _DCC, _Ta, _KKI, _AIC, _ECx, _SPV, _ERA, _VC, _ENI, _MCe],
      [0, () => ProductionVariantList, () => DataCaptureConfig$, () => TagList, 0, () => AsyncInferenceConfig$, () => ExplainerConfig$, () => ProductionVariantList, 0, () => VpcConfig$, 2, () => MetricsConfig$],
      2
    ];
    var CreateEndpointConfigOutput$ = [
      3,
      n0,
      _CECO,
      0,
      [_ECA],
      [0],
      1
    ];
    var CreateEndpointInput$ = [
      3,
      n0,
      _CEI,
      0,
      [_EN, _ECN, _DCe, _Ta],
      [0, 0, () => DeploymentConfig$, () => TagList],
      2
    ];
    var CreateEndpointOutput$ = [
      3,
      n0,
      _CEO,
      0,
      [_EA],
      [0],
      1
    ];
    var CreateExperimentRequest$ = [
      3,
      n0,
      _CER,
      0,
      [_ENx, _DNi, _D, _Ta],
      [0, 0, 0, () => TagList],
      1
    ];
    var CreateExperimentResponse$ = [
      3,
      n0,
      _CERr,
      0,
      [_EAx],
      [0]
    ];
    var CreateFeatureGroupRequest$ = [
      3,
      n0,
      _CFGR,
      0,
      [_FGN, _RIFN, _ETFN, _FD, _OSC, _OSCf, _TCh, _RAo, _D, _Ta],
      [0, 0, 0, () => FeatureDefinitions, () => OnlineStoreConfig$, () => OfflineStoreConfig$, () => ThroughputConfig$, 0, 0, () => TagList],
      4
    ];
    var CreateFeatureGroupResponse$ = [
      3,
      n0,
      _CFGRr,
      0,
      [_FGA],
      [0],
      1
    ];
    var CreateFlowDefinitionRequest$ = [
      3,
      n0,
      _CFDR,
      0,
      [_FDN, _OCu, _RAo, _HLRS, _HLACu, _HLC, _Ta],
      [0, () => FlowDefinitionOutputConfig$, 0, () => HumanLoopRequestSource$, [() => HumanLoopActivationConfig$, 0], () => HumanLoopConfig$, () => TagList],
      3
    ];
    var CreateFlowDefinitionResponse$ = [
      3,
      n0,
      _CFDRr,
      0,
      [_FDA],
      [0],
      1
    ];
    var CreateHubContentPresignedUrlsRequest$ = [
      3,
      n0,
      _CHCPUR,
      0,
      [_HN, _HCT, _HCN, _HCV, _ACc, _MR, _NTe],
      [0, 0, 0, 0, () => PresignedUrlAccessConfig$, 1, 0],
      3
    ];
    var CreateHubContentPresignedUrlsResponse$ = [
      3,
      n0,
      _CHCPURr,
      0,
      [_AUC, _NTe],
      [() => AuthorizedUrlConfigs, 0],
      1
    ];
    var CreateHubContentReferenceRequest$ = [
      3,
      n0,
      _CHCRR,
      0,
      [_HN, _SMPHCA, _HCN, _MVi, _Ta],
      [0, 0, 0, 0, () => TagList],
      2
    ];
    var CreateHubContentReferenceResponse$ = [
      3,
      n0,
      _CHCRRr,
      0,
      [_HA, _HCA],
      [0, 0],
      2
    ];
    var CreateHubRequest$ = [
      3,
      n0,
      _CHRr,
      0,
      [_HN, _HD, _HDN, _HSK, _SSC, _Ta],
      [0, 0, 0, 64 | 0, () => HubS3StorageConfig$, () => TagList],
      2
    ];
    var CreateHubResponse$ = [
      3,
      n0,
      _CHRre,
      0,
      [_HA],
      [0],
      1
    ];
    var CreateHumanTaskUiRequest$ = [
      3,
      n0,
      _CHTUR,
      0,
      [_HTUN, _UT, _Ta],
      [0, () => UiTemplate$, () => TagList],
      2
    ];
    var CreateHumanTaskUiResponse$ = [
      3,
      n0,
      _CHTURr,
      0,
      [_HTUA],
      [0],
      1
    ];
    var CreateHyperParameterTuningJobRequest$ = [
      3,
      n0,
      _CHPTJR,
      0,
      [_HPTJN, _HPTJC, _TJD, _TJDra, _WSC, _Ta, _Au],
      [0, () => HyperParameterTuningJobConfig$, () => HyperParameterTrainingJobDefinition$, () => HyperParameterTrainingJobDefinitions, () => HyperParameterTuningJobWarmStartConfig$, () => TagList, () => Autotune$],
      2
    ];
    var CreateHyperParameterTuningJobResponse$ = [
      3,
      n0,
      _CHPTJRr,
      0,
      [_HPTJA],
      [0],
      1
    ];
    var CreateImageRequest$ = [
      3,
      n0,
      _CIRr,
      0,
      [_IN, _RAo, _D, _DNi, _Ta],
      [0, 0, 0, 0, () => TagList],
      2
    ];
    var CreateImageResponse$ = [
      3,
      n0,
      _CIRre,
      0,
      [_IAm],
      [0]
    ];
    var CreateImageVersionRequest$ = [
      3,
      n0,
      _CIVR,
      0,
      [_BI, _IN, _CTl, _Ali, _VG, _JT, _MLF, _PL, _Pro, _H, _RN],
      [0, 0, [0, 4], 64 | 0, 0, 0, 0, 0, 0, 2, 0],
      2
    ];
    var CreateImageVersionResponse$ = [
      3,
      n0,
      _CIVRr,
      0,
      [_IVA],
      [0]
    ];
    var CreateInferenceComponentInput$ = [
      3,
      n0,
      _CICI,
      0,
      [_ICN, _EN, _VN, _Spe, _Spec, _RC, _Ta],
      [0, 0, 0, () => InferenceComponentSpecification$, () => InferenceComponentSpecificationList, () => InferenceComponentRuntimeConfig$, () => TagList],
      2
    ];
    var CreateInferenceComponentOutput$ = [
      3,
      n0,
      _CICO,
      0,
      [_ICA],
      [0],
      1
    ];
    var CreateInferenceExperimentRequest$ = [
      3,
      n0,
      _CIER,
      0,
      [_N, _T, _RAo, _EN, _MVod, _SMC, _Sc, _D, _DSCa, _KK, _Ta],
      [0, 0, 0, 0, () => ModelVariantConfigList, () => ShadowModeConfig$, () => InferenceExperimentSchedule$, 0, () => InferenceExperimentDataStorageConfig$, 0, () => TagList],
      6
    ];
    var CreateInferenceExperimentResponse$ = [
      3,
      n0,
      _CIERr,
      0,
      [_IEA],
      [0],
      1
    ];
    var CreateInferenceRecommendationsJobRequest$ = [
      3,
      n0,
      _CIRJR,
      0,
      [_JN, _JT, _RAo, _ICnp, _JD, _SCto, _OCu, _Ta],
      [0, 0, 0, () => RecommendationJobInputConfig$, 0, () => RecommendationJobStoppingConditions$, () => RecommendationJobOutputConfig$, () => TagList],
      4
    ];
    var CreateInferenceRecommendationsJobResponse$ = [
      3,
      n0,
      _CIRJRr,
      0,
      [_JA],
      [0],
      1
    ];
    var CreateJobRequest$ = [
      3,
      n0,
      _CJR,
      0,
      [_JN, _RAo, _JC, _JCSV, _JCD, _Ta],
      [0, 0, 0, 0, 0, () => TagList],
      5
    ];
    var CreateJobResponse$ = [
      3,
      n0,
      _CJRr,
      0,
      [_JA],
      [0],
      1
    ];
    var CreateLabelingJobRequest$ = [
      3,
      n0,
      _CLJR,
      0,
      [_LJN, _LAN, _ICnp, _OCu, _RAo, _HTC, _LCCSU, _SCto, _LJAC, _Ta],
      [0, 0, () => LabelingJobInputConfig$, () => LabelingJobOutputConfig$, 0, () => HumanTaskConfig$, 0, () => LabelingJobStoppingConditions$, () => LabelingJobAlgorithmsConfig$, () => TagList],
      6
    ];
    var CreateLabelingJobResponse$ = [
      3,
      n0,
      _CLJRr,
      0,
      [_LJA],
      [0],
      1
    ];
    var CreateMlflowAppRequest$ = [
      3,
      n0,
      _CMAR,
      0,
      [_N, _ASU, _RAo, _KKI, _MRM, _WMWS, _ADS, _DDIL, _Ta],
      [0, 0, 0, 0, 0, 0, 0, 64 | 0, () => TagList],
      3
    ];
    var CreateMlflowAppResponse$ = [
      3,
      n0,
      _CMARr,
      0,
      [_Ar],
      [0]
    ];
    var CreateMlflowTrackingServerRequest$ = [
      3,
      n0,
      _CMTSR,
      0,
      [_TSN, _ASU, _RAo, _TSS, _MVl, _AMR, _WMWS, _Ta, _SBOAI, _SBOV],
      [0, 0, 0, 0, 0, 2, 0, () => TagList, 0, 2],
      3
    ];
    var CreateMlflowTrackingServerResponse$ = [
      3,
      n0,
      _CMTSRr,
      0,
      [_TSA],
      [0]
    ];
    var CreateModelBiasJobDefinitionRequest$ = [
      3,
      n0,
      _CMBJDR,
      0,
      [_JDN, _MBAS, _MBJI, _MBJOC, _JR, _RAo, _MBBC, _NCe, _SCt, _Ta],
      [0, () => ModelBiasAppSpecification$, () => ModelBiasJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelBiasBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$, () => TagList],
      6
    ];
    var CreateModelBiasJobDefinitionResponse$ = [
      3,
      n0,
      _CMBJDRr,
      0,
      [_JDA],
      [0],
      1
    ];
    var CreateModelCardExportJobRequest$ = [
      3,
      n0,
      _CMCEJR,
      0,
      [_MCN, _MCEJN, _OCu, _MCV],
      [0, 0, () => ModelCardExportOutputConfig$, 1],
      3
    ];
    var CreateModelCardExportJobResponse$ = [
      3,
      n0,
      _CMCEJRr,
      0,
      [_MCEJA],
      [0],
      1
    ];
    var CreateModelCardRequest$ = [
      3,
      n0,
      _CMCR,
      0,
      [_MCN, _Cont, _MCS, _SC, _Ta],
      [0, [() => ModelCardContent, 0], 0, () => ModelCardSecurityConfig$, () => TagList],
      3
    ];
    var CreateModelCardResponse$ = [
      3,
      n0,
      _CMCRr,
      0,
      [_MCA],
      [0],
      1
    ];
    var CreateModelExplainabilityJobDefinitionRequest$ = [
      3,
      n0,
      _CMEJDR,
      0,
      [_JDN, _MEAS, _MEJI, _MEJOC, _JR, _RAo, _MEBC, _NCe, _SCt, _Ta],
      [0, () => ModelExplainabilityAppSpecification$, () => ModelExplainabilityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelExplainabilityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$, () => TagList],
      6
    ];
    var CreateModelExplainabilityJobDefinitionResponse$ = [
      3,
      n0,
      _CMEJDRr,
      0,
      [_JDA],
      [0],
      1
    ];
    var CreateModelInput$ = [
      3,
      n0,
      _CMI,
      0,
      [_MNod, _PC, _Co, _IEC, _ERA, _Ta, _VC, _ENI],
      [0, () => ContainerDefinition$, () => ContainerDefinitionList, () => InferenceExecutionConfig$, 0, () => TagList, () => VpcConfig$, 2],
      1
    ];
    var CreateModelOutput$ = [
      3,
      n0,
      _CMO,
      0,
      [_MA],
      [0],
      1
    ];
    var CreateModelPackageGroupInput$ = [
      3,
      n0,
      _CMPGI,
      0,
      [_MPGN, _MPGD, _Ta, _MCan],
      [0, 0, () => TagList, () => ManagedConfiguration$],
      1
    ];
    var CreateModelPackageGroupOutput$ = [
      3,
      n0,
      _CMPGO,
      0,
      [_MPGA],
      [0],
      1
    ];
    var CreateModelPackageInput$ = [
      3,
      n0,
      _CMPI,
      0,
      [_MPN, _MPGN, _MPD, _MPRT, _ISn, _VSa, _SAS, _CFM, _Ta, _MAS, _MPe, _MM, _CTl, _Do, _Tas, _SPU, _CMP, _DCB, _AIS, _SMV, _SU, _SC, _MCod, _MLC, _MST],
      [0, 0, 0, 0, () => InferenceSpecification$, () => ModelPackageValidationSpecification$, () => SourceAlgorithmSpecification$, 2, () => TagList, 0, () => MetadataProperties$, () => ModelMetrics$, [0, 4], 0, 0, 0, 128 | 0, () => DriftCheckBaselines$, () => AdditionalInferenceSpecifications, 0, 0, () => ModelPackageSecurityConfig$, [() => ModelPackageModelCard$, 0], () => ModelLifeCycle$, 0]
    ];
    var CreateModelPackageOutput$ = [
      3,
      n0,
      _CMPO,
      0,
      [_MPA],
      [0],
      1
    ];
    var CreateModelQualityJobDefinitionRequest$ = [
      3,
      n0,
      _CMQJDR,
      0,
      [_JDN, _MQAS, _MQJI, _MQJOC, _JR, _RAo, _MQBC, _NCe, _SCt, _Ta],
      [0, () => ModelQualityAppSpecification$, () => ModelQualityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelQualityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$, () => TagList],
      6
    ];
    var CreateModelQualityJobDefinitionResponse$ = [
      3,
      n0,
      _CMQJDRr,
      0,
      [_JDA],
      [0],
      1
    ];
    var CreateMonitoringScheduleRequest$ = [
      3,
      n0,
      _CMSR,
      0,
      [_MSN, _MSC, _Ta],
      [0, () => MonitoringScheduleConfig$, () => TagList],
      2
    ];
    var CreateMonitoringScheduleResponse$ = [
      3,
      n0,
      _CMSRr,
      0,
      [_MSA],
      [0],
      1
    ];
    var CreateNotebookInstanceInput$ = [
      3,
      n0,
      _CNII,
      0,
      [_NIN, _ITn, _RAo, _SIub, _SGI, _IAT, _KKI, _Ta, _LCN, _DIA, _VSIGB, _ATc, _DCR, _ACR, _RAoo, _PIl, _IMSC],
      [0, 0, 0, 0, 64 | 0, 0, 0, () => TagList, 0, 0, 1, 64 | 0, 0, 64 | 0, 0, 0, () => InstanceMetadataServiceConfiguration$],
      3
    ];
    var CreateNotebookInstanceLifecycleConfigInput$ = [
      3,
      n0,
      _CNILCI,
      0,
      [_NILCN, _OCn, _OSn, _Ta],
      [0, () => NotebookInstanceLifecycleConfigList, () => NotebookInstanceLifecycleConfigList, () => TagList],
      1
    ];
    var CreateNotebookInstanceLifecycleConfigOutput$ = [
      3,
      n0,
      _CNILCO,
      0,
      [_NILCA],
      [0]
    ];
    var CreateNotebookInstanceOutput$ = [
      3,
      n0,
      _CNIO,
      0,
      [_NIA],
      [0]
    ];
    var CreateOptimizationJobRequest$ = [
      3,
      n0,
      _COJR,
      0,
      [_OJN, _RAo, _MS, _DITe, _OCp, _OCu, _SCt, _MICa, _OE, _Ta, _VC, _TPAr],
      [0, 0, () => OptimizationJobModelSource$, 0, () => OptimizationConfigs, () => OptimizationJobOutputConfig$, () => StoppingCondition$, 1, 128 | 0, () => TagList, () => OptimizationVpcConfig$, 64 | 0],
      7
    ];
    var CreateOptimizationJobResponse$ = [
      3,
      n0,
      _COJRr,
      0,
      [_OJA],
      [0],
      1
    ];
    var CreatePartnerAppPresignedUrlRequest$ = [
      3,
      n0,
      _CPAPUR,
      0,
      [_Ar, _EIS, _SEDIS],
      [0, 1, 1],
      1
    ];
    var CreatePartnerAppPresignedUrlResponse$ = [
      3,
      n0,
      _CPAPURr,
      0,
      [_Ur],
      [0]
    ];
    var CreatePartnerAppRequest$ = [
      3,
      n0,
      _CPAR,
      0,
      [_N, _T, _ERA, _Ti, _ATu, _KKI, _MCai, _ACp, _ICd, _EISBI, _EAMVU, _CTl, _Ta],
      [0, 0, 0, 0, 0, 0, () => PartnerAppMaintenanceConfig$, () => PartnerAppConfig$, () => IdcConfigInput$, 2, 2, [0, 4], () => TagList],
      5
    ];
    var CreatePartnerAppResponse$ = [
      3,
      n0,
      _CPARr,
      0,
      [_Ar],
      [0]
    ];
    var CreatePipelineRequest$ = [
      3,
      n0,
      _CPRr,
      0,
      [_PNi, _RAo, _PDN, _PD, _PDSL, _PDi, _CRT, _Ta, _PCa],
      [0, 0, 0, 0, () => PipelineDefinitionS3Location$, 0, [0, 4], () => TagList, () => ParallelismConfiguration$],
      2
    ];
    var CreatePipelineResponse$ = [
      3,
      n0,
      _CPRre,
      0,
      [_PAi],
      [0]
    ];
    var CreatePresignedDomainUrlRequest$ = [
      3,
      n0,
      _CPDUR,
      0,
      [_DI, _UPN, _SEDIS, _EIS, _SN, _LU],
      [0, 0, 1, 1, 0, 0],
      2
    ];
    var CreatePresignedDomainUrlResponse$ = [
      3,
      n0,
      _CPDURr,
      0,
      [_AU],
      [0]
    ];
    var CreatePresignedMlflowAppUrlRequest$ = [
      3,
      n0,
      _CPMAUR,
      0,
      [_Ar, _EIS, _SEDIS],
      [0, 1, 1],
      1
    ];
    var CreatePresignedMlflowAppUrlResponse$ = [
      3,
      n0,
      _CPMAURr,
      0,
      [_AU],
      [0]
    ];
    var CreatePresignedMlflowTrackingServerUrlRequest$ = [
      3,
      n0,
      _CPMTSUR,
      0,
      [_TSN, _EIS, _SEDIS],
      [0, 1, 1],
      1
    ];
    var CreatePresignedMlflowTrackingServerUrlResponse$ = [
      3,
      n0,
      _CPMTSURr,
      0,
      [_AU],
      [0]
    ];
    var CreatePresignedNotebookInstanceUrlInput$ = [
      3,
      n0,
      _CPNIUI,
      0,
      [_NIN, _SEDIS],
      [0, 1],
      1
    ];
    var CreatePresignedNotebookInstanceUrlOutput$ = [
      3,
      n0,
      _CPNIUO,
      0,
      [_AU],
      [0]
    ];
    var CreateProcessingJobRequest$ = [
      3,
      n0,
      _CPJR,
      0,
      [_PJN, _PR, _ASp, _RAo, _PIr, _POC, _SCt, _E, _NCe, _Ta, _ECxp],
      [0, () => ProcessingResources$, () => AppSpecification$, 0, () => ProcessingInputs, () => ProcessingOutputConfig$, () => ProcessingStoppingCondition$, 128 | 0, () => NetworkConfig$, () => TagList, () => ExperimentConfig$],
      4
    ];
    var CreateProcessingJobResponse$ = [
      3,
      n0,
      _CPJRr,
      0,
      [_PJA],
      [0],
      1
    ];
    var CreateProjectInput$ = [
      3,
      n0,
      _CPI,
      0,
      [_PNr, _PDr, _SCPD, _Ta, _TPe],
      [0, 0, () => ServiceCatalogProvisioningDetails$, () => TagList, () => CreateTemplateProviderList],
      1
    ];
    var CreateProjectOutput$ = [
      3,
      n0,
      _CPO,
      0,
      [_PAr, _PIro],
      [0, 0],
      2
    ];
    var CreateSpaceRequest$ = [
      3,
      n0,
      _CSR,
      0,
      [_DI, _SN, _Ta, _SS, _OSw, _SSS, _SDN],
      [0, 0, () => TagList, () => SpaceSettings$, () => OwnershipSettings$, () => SpaceSharingSettings$, 0],
      2
    ];
    var CreateSpaceResponse$ = [
      3,
      n0,
      _CSRr,
      0,
      [_SAp],
      [0]
    ];
    var CreateStudioLifecycleConfigRequest$ = [
      3,
      n0,
      _CSLCR,
      0,
      [_SLCN, _SLCC, _SLCAT, _Ta],
      [0, 0, 0, () => TagList],
      3
    ];
    var CreateStudioLifecycleConfigResponse$ = [
      3,
      n0,
      _CSLCRr,
      0,
      [_SLCA],
      [0]
    ];
    var CreateTemplateProvider$ = [
      3,
      n0,
      _CTP,
      0,
      [_CTPf],
      [() => CfnCreateTemplateProvider$]
    ];
    var CreateTrainingJobRequest$ = [
      3,
      n0,
      _CTJR,
      0,
      [_TJN, _RAo, _ODC, _HP, _ASl, _IDC, _RCe, _VC, _SCt, _Ta, _ENI, _EICTE, _EMST, _CCh, _DHC, _DRC, _TBOC, _ECxp, _PCr, _PRC, _E, _RSe, _RDC, _ICC, _SCC, _SJC, _MC, _MPC],
      [0, 0, () => OutputDataConfig$, 128 | 0, () => AlgorithmSpecification$, () => InputDataConfig, () => ResourceConfig$, () => VpcConfig$, () => StoppingCondition$, () => TagList, 2, 2, 2, () => CheckpointConfig$, () => DebugHookConfig$, () => DebugRuleConfigurations, () => TensorBoardOutputConfig$, () => ExperimentConfig$, () => ProfilerConfig$, () => ProfilerRuleConfigurations, 128 | 0, () => RetryStrategy$, () => RemoteDebugConfig$, () => InfraCheckConfig$, () => SessionChainingConfig$, () => ServerlessJobConfig$, () => MlflowConfig$, () => ModelPackageConfig$],
      3
    ];
    var CreateTrainingJobResponse$ = [
      3,
      n0,
      _CTJRr,
      0,
      [_TJA],
      [0],
      1
    ];
    var CreateTrainingPlanRequest$ = [
      3,
      n0,
      _CTPR,
      0,
      [_TPN, _TPOI, _SICPUS, _Ta],
      [0, 0, 1, () => TagList],
      2
    ];
    var CreateTrainingPlanResponse$ = [
      3,
      n0,
      _CTPRr,
      0,
      [_TPA],
      [0],
      1
    ];
    var CreateTransformJobRequest$ = [
      3,
      n0,
      _CTJRre,
      0,
      [_TJNr, _MNod, _TIr, _TO, _TR, _MCT, _MCCo, _MPIMB, _BS, _E, _DCC, _DP, _Ta, _ECxp],
      [0, 0, () => TransformInput$, () => TransformOutput$, () => TransformResources$, 1, () => ModelClientConfig$, 1, 0, 128 | 0, () => BatchDataCaptureConfig$, () => DataProcessing$, () => TagList, () => ExperimentConfig$],
      5
    ];
    var CreateTransformJobResponse$ = [
      3,
      n0,
      _CTJRrea,
      0,
      [_TJAr],
      [0],
      1
    ];
    var CreateTrialComponentRequest$ = [
      3,
      n0,
      _CTCR,
      0,
      [_TCN, _DNi, _St, _STt, _ETn, _P, _IAn, _OA, _MPe, _Ta],
      [0, 0, () => TrialComponentStatus$, 4, 4, () => TrialComponentParameters, () => TrialComponentArtifacts, () => TrialComponentArtifacts, () => MetadataProperties$, () => TagList],
      1
    ];
    var CreateTrialComponentResponse$ = [
      3,
      n0,
      _CTCRr,
      0,
      [_TCA],
      [0]
    ];
    var CreateTrialRequest$ = [
      3,
      n0,
      _CTR,
      0,
      [_TN, _ENx, _DNi, _MPe, _Ta],
      [0, 0, 0, () => MetadataProperties$, () => TagList],
      2
    ];
    var CreateTrialResponse$ = [
      3,
      n0,
      _CTRr,
      0,
      [_TA],
      [0]
    ];
    var CreateUserProfileRequest$ = [
      3,
      n0,
      _CUPR,
      0,
      [_DI, _UPN, _SSOUI, _SSOUV, _Ta, _US],
      [0, 0, 0, 0, () => TagList, () => UserSettings$],
      2
    ];
    var CreateUserProfileResponse$ = [
      3,
      n0,
      _CUPRr,
      0,
      [_UPA],
      [0]
    ];
    var CreateWorkforceRequest$ = [
      3,
      n0,
      _CWR,
      0,
      [_WN, _CCog, _OCi, _SIC, _Ta, _WVC, _IAT],
      [0, () => CognitoConfig$, [() => OidcConfig$, 0], () => SourceIpConfig$, () => TagList, () => WorkforceVpcConfigRequest$, 0],
      1
    ];
    var CreateWorkforceResponse$ = [
      3,
      n0,
      _CWRr,
      0,
      [_WA],
      [0],
      1
    ];
    var CreateWorkteamRequest$ = [
      3,
      n0,
      _CWRre,
      0,
      [_WNo, _MDem, _D, _WN, _NCo, _WAC, _Ta],
      [0, () => MemberDefinitions, 0, 0, () => NotificationConfiguration$, () => WorkerAccessConfiguration$, () => TagList],
      3
    ];
    var CreateWorkteamResponse$ = [
      3,
      n0,
      _CWRrea,
      0,
      [_WAo],
      [0]
    ];
    var CustomImage$ = [
      3,
      n0,
      _CIu,
      0,
      [_IN, _AICN, _IVN],
      [0, 0, 1],
      2
    ];
    var CustomizedMetricSpecification$ = [
      3,
      n0,
      _CMS,
      0,
      [_MN, _Na, _Stat],
      [0, 0, 0]
    ];
    var CustomPosixUserConfig$ = [
      3,
      n0,
      _CPUC,
      0,
      [_Ui, _Gi],
      [1, 1],
      2
    ];
    var DataCaptureConfig$ = [
      3,
      n0,
      _DCC,
      0,
      [_ISP, _DSU, _COa, _ECna, _KKI, _CCTH],
      [1, 0, () => CaptureOptionList, 2, 0, () => CaptureContentTypeHeader$],
      3
    ];
    var DataCaptureConfigSummary$ = [
      3,
      n0,
      _DCCS,
      0,
      [_ECna, _CSapt, _CSPu, _DSU, _KKI],
      [2, 0, 1, 0, 0],
      5
    ];
    var DataCatalogConfig$ = [
      3,
      n0,
      _DCCa,
      0,
      [_TNa, _Ca, _Da],
      [0, 0, 0],
      3
    ];
    var DataProcessing$ = [
      3,
      n0,
      _DP,
      0,
      [_IF, _OFu, _JS],
      [0, 0, 0]
    ];
    var DataQualityAppSpecification$ = [
      3,
      n0,
      _DQAS,
      0,
      [_IU, _CEo, _CA, _RPSU, _PAPSU, _E],
      [0, 64 | 0, 64 | 0, 0, 0, 128 | 0],
      1
    ];
    var DataQualityBaselineConfig$ = [
      3,
      n0,
      _DQBC,
      0,
      [_BJN, _CRon, _SR],
      [0, () => MonitoringConstraintsResource$, () => MonitoringStatisticsResource$]
    ];
    var DataQualityJobInput$ = [
      3,
      n0,
      _DQJI,
      0,
      [_EIn, _BTI],
      [() => EndpointInput$, () => BatchTransformInput$]
    ];
    var DatasetDefinition$ = [
      3,
      n0,
      _DD,
      0,
      [_ADD, _RDD, _LP, _DDT, _IM],
      [() => AthenaDatasetDefinition$, () => RedshiftDatasetDefinition$, 0, 0, 0]
    ];
    var DatasetSource$ = [
      3,
      n0,
      _DSa,
      0,
      [_DAa],
      [0],
      1
    ];
    var DataSource$ = [
      3,
      n0,
      _DS,
      0,
      [_SDS, _FSDS, _DSa],
      [() => S3DataSource$, () => FileSystemDataSource$, () => DatasetSource$]
    ];
    var DebugHookConfig$ = [
      3,
      n0,
      _DHC,
      0,
      [_SOP, _LP, _HPo, _CColl],
      [0, 0, 128 | 0, () => CollectionConfigurations],
      1
    ];
    var DebugRuleConfiguration$ = [
      3,
      n0,
      _DRCe,
      0,
      [_RCN, _REI, _LP, _SOP, _ITn, _VSIGB, _RP],
      [0, 0, 0, 0, 0, 1, 128 | 0],
      2
    ];
    var DebugRuleEvaluationStatus$ = [
      3,
      n0,
      _DRES,
      0,
      [_RCN, _REJA, _RES, _SDt, _LMT],
      [0, 0, 0, 0, 4]
    ];
    var DefaultEbsStorageSettings$ = [
      3,
      n0,
      _DESS,
      0,
      [_DEVSIG, _MEVSIG],
      [1, 1],
      2
    ];
    var DefaultSpaceSettings$ = [
      3,
      n0,
      _DSS,
      0,
      [_ERx, _SG, _JSAS, _KGAS, _JLAS, _SSSp, _CPUC, _CFSC],
      [0, 64 | 0, () => JupyterServerAppSettings$, () => KernelGatewayAppSettings$, () => JupyterLabAppSettings$, () => DefaultSpaceStorageSettings$, () => CustomPosixUserConfig$, () => CustomFileSystemConfigs]
    ];
    var DefaultSpaceStorageSettings$ = [
      3,
      n0,
      _DSSS,
      0,
      [_DESS],
      [() => DefaultEbsStorageSettings$]
    ];
    var DeleteActionRequest$ = [
      3,
      n0,
      _DAR,
      0,
      [_AN],
      [0],
      1
    ];
    var DeleteActionResponse$ = [
      3,
      n0,
      _DARe,
      0,
      [_AA],
      [0]
    ];
    var DeleteAIBenchmarkJobRequest$ = [
      3,
      n0,
      _DAIBJR,
      0,
      [_AIBJN],
      [0],
      1
    ];
    var DeleteAIBenchmarkJobResponse$ = [
      3,
      n0,
      _DAIBJRe,
      0,
      [_AIBJA],
      [0]
    ];
    var DeleteAIRecommendationJobRequest$ = [
      3,
      n0,
      _DAIRJR,
      0,
      [_AIRJN],
      [0],
      1
    ];
    var DeleteAIRecommendationJobResponse$ = [
      3,
      n0,
      _DAIRJRe,
      0,
      [_AIRJA],
      [0]
    ];
    var DeleteAIWorkloadConfigRequest$ = [
      3,
      n0,
      _DAIWCR,
      0,
      [_AIWCN],
      [0],
      1
    ];
    var DeleteAIWorkloadConfigResponse$ = [
      3,
      n0,
      _DAIWCRe,
      0,
      [_AIWCA],
      [0]
    ];
    var DeleteAlgorithmInput$ = [
      3,
      n0,
      _DAI,
      0,
      [_ANlg],
      [0],
      1
    ];
    var DeleteAppImageConfigRequest$ = [
      3,
      n0,
      _DAICR,
      0,
      [_AICN],
      [0],
      1
    ];
    var DeleteAppRequest$ = [
      3,
      n0,
      _DARel,
      0,
      [_DI, _ATp, _ANp, _UPN, _SN],
      [0, 0, 0, 0, 0],
      3
    ];
    var DeleteArtifactRequest$ = [
      3,
      n0,
      _DARele,
      0,
      [_AAr, _S],
      [0, () => ArtifactSource$]
    ];
    var DeleteArtifactResponse$ = [
      3,
      n0,
      _DARelet,
      0,
      [_AAr],
      [0]
    ];
    var DeleteAssociationRequest$ = [
      3,
      n0,
      _DARelete,
      0,
      [_SA, _DA],
      [0, 0],
      2
    ];
    var DeleteAssociationResponse$ = [
      3,
      n0,
      _DAReletes,
      0,
      [_SA, _DA],
      [0, 0]
    ];
    var DeleteClusterRequest$ = [
      3,
      n0,
      _DCRe,
      0,
      [_CNl],
      [0],
      1
    ];
    var DeleteClusterResponse$ = [
      3,
      n0,
      _DCRel,
      0,
      [_CAl],
      [0],
      1
    ];
    var DeleteClusterSchedulerConfigRequest$ = [
      3,
      n0,
      _DCSCR,
      0,
      [_CSCI],
      [0],
      1
    ];
    var DeleteCodeRepositoryInput$ = [
      3,
      n0,
      _DCRI,
      0,
      [_CRN],
      [0],
      1
    ];
    var DeleteCompilationJobRequest$ = [
      3,
      n0,
      _DCJR,
      0,
      [_CJN],
      [0],
      1
    ];
    var DeleteComputeQuotaRequest$ = [
      3,
      n0,
      _DCQR,
      0,
      [_CQI],
      [0],
      1
    ];
    var DeleteContextRequest$ = [
      3,
      n0,
      _DCRele,
      0,
      [_CNon],
      [0],
      1
    ];
    var DeleteContextResponse$ = [
      3,
      n0,
      _DCRelet,
      0,
      [_CAo],
      [0]
    ];
    var DeleteDataQualityJobDefinitionRequest$ = [
      3,
      n0,
      _DDQJDR,
      0,
      [_JDN],
      [0],
      1
    ];
    var DeleteDeviceFleetRequest$ = [
      3,
      n0,
      _DDFR,
      0,
      [_DFN],
      [0],
      1
    ];
    var DeleteDomainRequest$ = [
      3,
      n0,
      _DDR,
      0,
      [_DI, _RPe],
      [0, () => RetentionPolicy$],
      1
    ];
    var DeleteEdgeDeploymentPlanRequest$ = [
      3,
      n0,
      _DEDPR,
      0,
      [_EDPN],
      [0],
      1
    ];
    var DeleteEdgeDeploymentStageRequest$ = [
      3,
      n0,
      _DEDSR,
      0,
      [_EDPN, _SNt],
      [0, 0],
      2
    ];
    var DeleteEndpointConfigInput$ = [
      3,
      n0,
      _DECI,
      0,
      [_ECN],
      [0],
      1
    ];
    var DeleteEndpointInput$ = [
      3,
      n0,
      _DEI,
      0,
      [_EN],
      [0],
      1
    ];
    var DeleteExperimentRequest$ = [
      3,
      n0,
      _DER,
      0,
      [_ENx],
      [0],
      1
    ];
    var DeleteExperimentResponse$ = [
      3,
      n0,
      _DERe,
      0,
      [_EAx],
      [0]
    ];
    var DeleteFeatureGroupRequest$ = [
      3,
      n0,
      _DFGR,
      0,
      [_FGN],
      [0],
      1
    ];
    var DeleteFlowDefinitionRequest$ = [
      3,
      n0,
      _DFDR,
      0,
      [_FDN],
      [0],
      1
    ];
    var DeleteFlowDefinitionResponse$ = [
      3,
      n0,
      _DFDRe,
      0,
      [],
      []
    ];
    var DeleteHubContentReferenceRequest$ = [
      3,
      n0,
      _DHCRR,
      0,
      [_HN, _HCT, _HCN],
      [0, 0, 0],
      3
    ];
    var DeleteHubContentRequest$ = [
      3,
      n0,
      _DHCR,
      0,
      [_HN, _HCT, _HCN, _HCV],
      [0, 0, 0, 0],
      4
    ];
    var DeleteHubRequest$ = [
      3,
      n0,
      _DHR,
      0,
      [_HN],
      [0],
      1
    ];
    var DeleteHumanTaskUiRequest$ = [
      3,
      n0,
      _DHTUR,
      0,
      [_HTUN],
      [0],
      1
    ];
    var DeleteHumanTaskUiResponse$ = [
      3,
      n0,
      _DHTURe,
      0,
      [],
      []
    ];
    var DeleteHyperParameterTuningJobRequest$ = [
      3,
      n0,
      _DHPTJR,
      0,
      [_HPTJN],
      [0],
      1
    ];
    var DeleteImageRequest$ = [
      3,
      n0,
      _DIR,
      0,
      [_IN],
      [0],
      1
    ];
    var DeleteImageResponse$ = [
      3,
      n0,
      _DIRe,
      0,
      [],
      []
    ];
    var DeleteImageVersionRequest$ = [
      3,
      n0,
      _DIVR,
      0,
      [_IN, _V, _Alia],
      [0, 1, 0],
      1
    ];
    var DeleteImageVersionResponse$ = [
      3,
      n0,
      _DIVRe,
      0,
      [],
      []
    ];
    var DeleteInferenceComponentInput$ = [
      3,
      n0,
      _DICI,
      0,
      [_ICN],
      [0],
      1
    ];
    var DeleteInferenceExperimentRequest$ = [
      3,
      n0,
      _DIER,
      0,
      [_N],
      [0],
      1
    ];
    var DeleteInferenceExperimentResponse$ = [
      3,
      n0,
      _DIERe,
      0,
      [_IEA],
      [0],
      1
    ];
    var DeleteJobRequest$ = [
      3,
      n0,
      _DJR,
      0,
      [_JN, _JC],
      [0, 0],
      2
    ];
    var DeleteJobResponse$ = [
      3,
      n0,
      _DJRe,
      0,
      [],
      []
    ];
    var DeleteMlflowAppRequest$ = [
      3,
      n0,
      _DMAR,
      0,
      [_Ar],
      [0],
      1
    ];
    var DeleteMlflowAppResponse$ = [
      3,
      n0,
      _DMARe,
      0,
      [_Ar],
      [0]
    ];
    var DeleteMlflowTrackingServerRequest$ = [
      3,
      n0,
      _DMTSR,
      0,
      [_TSN],
      [0],
      1
    ];
    var DeleteMlflowTrackingServerResponse$ = [
      3,
      n0,
      _DMTSRe,
      0,
      [_TSA],
      [0]
    ];
    var DeleteModelBiasJobDefinitionRequest$ = [
      3,
      n0,
      _DMBJDR,
      0,
      [_JDN],
      [0],
      1
    ];
    var DeleteModelCardRequest$ = [
      3,
      n0,
      _DMCR,
      0,
      [_MCN],
      [0],
      1
    ];
    var DeleteModelExplainabilityJobDefinitionRequest$ = [
      3,
      n0,
      _DMEJDR,
      0,
      [_JDN],
      [0],
      1
    ];
    var DeleteModelInput$ = [
      3,
      n0,
      _DMI,
      0,
      [_MNod],
      [0],
      1
    ];
    var DeleteModelPackageGroupInput$ = [
      3,
      n0,
      _DMPGI,
      0,
      [_MPGN],
      [0],
      1
    ];
    var DeleteModelPackageGroupPolicyInput$ = [
      3,
      n0,
      _DMPGPI,
      0,
      [_MPGN],
      [0],
      1
    ];
    var DeleteModelPackageInput$ = [
      3,
      n0,
      _DMPI,
      0,
      [_MPN],
      [0],
      1
    ];
    var DeleteModelQualityJobDefinitionRequest$ = [
      3,
      n0,
      _DMQJDR,
      0,
      [_JDN],
      [0],
      1
    ];
    var DeleteMonitoringScheduleRequest$ = [
      3,
      n0,
      _DMSR,
      0,
      [_MSN],
      [0],
      1
    ];
    var DeleteNotebookInstanceInput$ = [
      3,
      n0,
      _DNII,
      0,
      [_NIN],
      [0],
      1
    ];
    var DeleteNotebookInstanceLifecycleConfigInput$ = [
      3,
      n0,
      _DNILCI,
      0,
      [_NILCN],
      [0],
      1
    ];
    var DeleteOptimizationJobRequest$ = [
      3,
      n0,
      _DOJR,
      0,
      [_OJN],
      [0],
      1
    ];
    var DeletePartnerAppRequest$ = [
      3,
      n0,
      _DPAR,
      0,
      [_Ar, _CTl],
      [0, [0, 4]],
      1
    ];
    var DeletePartnerAppResponse$ = [
      3,
      n0,
      _DPARe,
      0,
      [_Ar],
      [0]
    ];
    var DeletePipelineRequest$ = [
      3,
      n0,
      _DPR,
      0,
      [_PNi, _CRT],
      [0, [0, 4]],
      1
    ];
    var DeletePipelineResponse$ = [
      3,
      n0,
      _DPRe,
      0,
      [_PAi],
      [0]
    ];
    var DeleteProcessingJobRequest$ = [
      3,
      n0,
      _DPJR,
      0,
      [_PJN],
      [0],
      1
    ];
    var DeleteProjectInput$ = [
      3,
      n0,
      _DPI,
      0,
      [_PNr],
      [0],
      1
    ];
    var DeleteSpaceRequest$ = [
      3,
      n0,
      _DSR,
      0,
      [_DI, _SN],
      [0, 0],
      2
    ];
    var DeleteStudioLifecycleConfigRequest$ = [
      3,
      n0,
      _DSLCR,
      0,
      [_SLCN],
      [0],
      1
    ];
    var DeleteTagsInput$ = [
      3,
      n0,
      _DTI,
      0,
      [_RA, _TK],
      [0, 64 | 0],
      2
    ];
    var DeleteTagsOutput$ = [
      3,
      n0,
      _DTO,
      0,
      [],
      []
    ];
    var DeleteTrainingJobRequest$ = [
      3,
      n0,
      _DTJR,
      0,
      [_TJN],
      [0],
      1
    ];
    var DeleteTrialComponentRequest$ = [
      3,
      n0,
      _DTCR,
      0,
      [_TCN],
      [0],
      1
    ];
    var DeleteTrialComponentResponse$ = [
      3,
      n0,
      _DTCRe,
      0,
      [_TCA],
      [0]
    ];
    var DeleteTrialRequest$ = [
      3,
      n0,
      _DTR,
      0,
      [_TN],
      [0],
      1
    ];
    var DeleteTrialResponse$ = [
      3,
      n0,
      _DTRe,
      0,
      [_TA],
      [0]
    ];
    var DeleteUserProfileRequest$ = [
      3,
      n0,
      _DUPR,
      0,
      [_DI, _UPN],
      [0, 0],
      2
    ];
    var DeleteWorkforceRequest$ = [
      3,
      n0,
      _DWR,
      0,
      [_WN],
      [0],
      1
    ];
    var DeleteWorkforceResponse$ = [
      3,
      n0,
      _DWRe,
      0,
      [],
      []
    ];
    var DeleteWorkteamRequest$ = [
      3,
      n0,
      _DWRel,
      0,
      [_WNo],
      [0],
      1
    ];
    var DeleteWorkteamResponse$ = [
      3,
      n0,
      _DWRele,
      0,
      [_Suc],
      [2],
      1
    ];
    var DeployedImage$ = [
      3,
      n0,
      _DIe,
      0,
      [_SIp, _RI, _RTe],
      [0, 0, 4]
    ];
    var DeploymentConfig$ = [
      3,
      n0,
      _DCe,
      0,
      [_BGUP, _RUP, _ARCu],
      [() => BlueGreenUpdatePolicy$, () => RollingUpdatePolicy$, () => AutoRollbackConfig$]
    ];
    var DeploymentConfiguration$ = [
      3,
      n0,
      _DC,
      0,
      [_RUP, _WIIS, _ARCu],
      [() => RollingDeploymentPolicy$, 1, () => AutoRollbackAlarms]
    ];
    var DeploymentRecommendation$ = [
      3,
      n0,
      _DR,
      0,
      [_RSec, _RTIR],
      [0, () => RealTimeInferenceRecommendations],
      1
    ];
    var DeploymentStage$ = [
      3,
      n0,
      _DSe,
      0,
      [_SNt, _DSCe, _DCe],
      [0, () => DeviceSelectionConfig$, () => EdgeDeploymentConfig$],
      2
    ];
    var DeploymentStageStatusSummary$ = [
      3,
      n0,
      _DSSSe,
      0,
      [_SNt, _DSCe, _DCe, _DSep],
      [0, () => DeviceSelectionConfig$, () => EdgeDeploymentConfig$, () => EdgeDeploymentStatus$],
      4
    ];
    var DeregisterDevicesRequest$ = [
      3,
      n0,
      _DDRe,
      0,
      [_DFN, _DNev],
      [0, 64 | 0],
      2
    ];
    var DerivedInformation$ = [
      3,
      n0,
      _DIer,
      0,
      [_DDIC],
      [0]
    ];
    var DescribeActionRequest$ = [
      3,
      n0,
      _DARes,
      0,
      [_AN],
      [0],
      1
    ];
    var DescribeActionResponse$ = [
      3,
      n0,
      _DAResc,
      0,
      [_AN, _AA, _S, _AT, _D, _St, _Pr, _CT, _CB, _LMT, _LMB, _MPe, _LGAi],
      [0, 0, () => ActionSource$, 0, 0, 0, 128 | 0, 4, () => UserContext$, 4, () => UserContext$, () => MetadataProperties$, 0]
    ];
    var DescribeAIBenchmarkJobRequest$ = [
      3,
      n0,
      _DAIBJRes,
      0,
      [_AIBJN],
      [0],
      1
    ];
    var DescribeAIBenchmarkJobResponse$ = [
      3,
      n0,
      _DAIBJResc,
      0,
      [_AIBJN, _AIBJA, _AIBJSe, _BT, _OCu, _AIWCI, _RAo, _CT, _FR, _NCe, _STt, _ETn, _Ta],
      [0, 0, 0, () => AIBenchmarkTarget$, () => AIBenchmarkOutputResult$, 0, 0, 4, 0, () => AIBenchmarkNetworkConfig$, 4, 4, () => TagList],
      8
    ];
    var DescribeAIRecommendationJobRequest$ = [
      3,
      n0,
      _DAIRJRes,
      0,
      [_AIRJN],
      [0],
      1
    ];
    var DescribeAIRecommendationJobResponse$ = [
      3,
      n0,
      _DAIRJResc,
      0,
      [_AIRJN, _AIRJA, _AIRJSe, _MS, _OCu, _AIWCI, _RAo, _CT, _FR, _ISn, _OM, _PT, _Re, _CSom, _ASd, _STt, _ETn, _Ta],
      [0, 0, 0, () => AIModelSource$, () => AIRecommendationOutputResult$, 0, 0, 4, 0, () => AIRecommendationInferenceSpecification$, 2, () => AIRecommendationPerformanceTarget$, () => AIRecommendationList, () => AIRecommendationComputeSpec$, () => AIAdapterSource$, 4, 4, () => TagList],
      8
    ];
    var DescribeAIWorkloadConfigRequest$ = [
      3,
      n0,
      _DAIWCRes,
      0,
      [_AIWCN],
      [0],
      1
    ];
    var DescribeAIWorkloadConfigResponse$ = [
      3,
      n0,
      _DAIWCResc,
      0,
      [_AIWCN, _AIWCA, _CT, _DCa, _AIWC, _Ta],
      [0, 0, 4, () => AIDatasetConfig$, () => AIWorkloadConfigs$, () => TagList],
      3
    ];
    var DescribeAlgorithmInput$ = [
      3,
      n0,
      _DAIe,
      0,
      [_ANlg],
      [0],
      1
    ];
    var DescribeAlgorithmOutput$ = [
      3,
      n0,
      _DAO,
      0,
      [_ANlg, _AAl, _CT, _TS, _ASlgo, _ASD, _ADlg, _ISn, _VSa, _PIrod, _CFM],
      [0, 0, 4, () => TrainingSpecification$, 0, () => AlgorithmStatusDetails$, 0, () => InferenceSpecification$, () => AlgorithmValidationSpecification$, 0, 2],
      6
    ];
    var DescribeAppImageConfigRequest$ = [
      3,
      n0,
      _DAICRe,
      0,
      [_AICN],
      [0],
      1
    ];
    var DescribeAppImageConfigResponse$ = [
      3,
      n0,
      _DAICRes,
      0,
      [_AICA, _AICN, _CT, _LMT, _KGIC, _JLAIC, _CEAIC],
      [0, 0, 4, 4, () => KernelGatewayImageConfig$, () => JupyterLabAppImageConfig$, () => CodeEditorAppImageConfig$]
    ];
    var DescribeAppRequest$ = [
      3,
      n0,
      _DARescr,
      0,
      [_DI, _ATp, _ANp, _UPN, _SN],
      [0, 0, 0, 0, 0],
      3
    ];
    var DescribeAppResponse$ = [
      3,
      n0,
      _DARescri,
      0,
      [_AAp, _ATp, _ANp, _DI, _UPN, _SN, _St, _ETIPS, _RM, _LHCT, _LUAT, _CT, _FR, _RS, _BILCA],
      [0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 4, 4, 0, () => ResourceSpec$, 0]
    ];
    var DescribeArtifactRequest$ = [
      3,
      n0,
      _DARescrib,
      0,
      [_AAr],
      [0],
      1
    ];
    var DescribeArtifactResponse$ = [
      3,
      n0,
      _DARescribe,
      0,
      [_ANr, _AAr, _S, _ATr, _Pr, _CT, _CB, _LMT, _LMB, _MPe, _LGAi],
      [0, 0, () => ArtifactSource$, 0, 128 | 0, 4, () => UserContext$, 4, () => UserContext$, () => MetadataProperties$, 0]
    ];
    var DescribeAutoMLJobRequest$ = [
      3,
      n0,
      _DAMLJR,
      0,
      [_AMLJN],
      [0],
      1
    ];
    var DescribeAutoMLJobResponse$ = [
      3,
      n0,
      _DAMLJRe,
      0,
      [_AMLJN, _AMLJAu, _IDC, _ODC, _RAo, _CT, _LMT, _AMLJSu, _AMLJSS, _AMLJO, _PTr, _AMLJCu, _ETn, _FR, _PFR, _BC, _GCDO, _AMLJA, _RAe, _MDC, _MDR],
      [0, 0, () => AutoMLInputDataConfig, () => AutoMLOutputDataConfig$, 0, 4, 4, 0, 0, () => AutoMLJobObjective$, 0, () => AutoMLJobConfig$, 4, 0, () => AutoMLPartialFailureReasons, () => AutoMLCandidate$, 2, () => AutoMLJobArtifacts$, () => ResolvedAttributes$, () => ModelDeployConfig$, () => ModelDeployResult$],
      9
    ];
    var DescribeAutoMLJobV2Request$ = [
      3,
      n0,
      _DAMLJVR,
      0,
      [_AMLJN],
      [0],
      1
    ];
    var DescribeAutoMLJobV2Response$ = [
      3,
      n0,
      _DAMLJVRe,
      0,
      [_AMLJN, _AMLJAu, _AMLJIDC, _ODC, _RAo, _CT, _LMT, _AMLJSu, _AMLJSS, _AMLJO, _AMLPTC, _AMLPTCN, _ETn, _FR, _PFR, _BC, _AMLJA, _RAe, _MDC, _MDR, _DSC, _SC, _AMLCC],
      [0, 0, () => AutoMLJobInputDataConfig, () => AutoMLOutputDataConfig$, 0, 4, 4, 0, 0, () => AutoMLJobObjective$, () => AutoMLProblemTypeConfig$, 0, 4, 0, () => AutoMLPartialFailureReasons, () => AutoMLCandidate$, () => AutoMLJobArtifacts$, () => AutoMLResolvedAttributes$, () => ModelDeployConfig$, () => ModelDeployResult$, () => AutoMLDataSplitConfig$, () => AutoMLSecurityConfig$, () => AutoMLComputeConfig$],
      9
    ];
    var DescribeClusterEventRequest$ = [
      3,
      n0,
      _DCER,
      0,
      [_EI, _CNl],
      [0, 0],
      2
    ];
    var DescribeClusterEventResponse$ = [
      3,
      n0,
      _DCERe,
      0,
      [_ED],
      [() => ClusterEventDetail$]
    ];
    var DescribeClusterNodeRequest$ = [
      3,
      n0,
      _DCNR,
      0,
      [_CNl, _NI, _NLI],
      [0, 0, 0],
      1
    ];
    var DescribeClusterNodeResponse$ = [
      3,
      n0,
      _DCNRe,
      0,
      [_ND],
      [() => ClusterNodeDetails$],
      1
    ];
    var DescribeClusterRequest$ = [
      3,
      n0,
      _DCRes,
      0,
      [_CNl],
      [0],
      1
    ];
    var DescribeClusterResponse$ = [
      3,
      n0,
      _DCResc,
      0,
      [_CAl, _CSlu, _IG, _CNl, _CT, _FM, _RIG, _RIGC, _VC, _Or, _TSCi, _NR, _NPM, _CRl, _ASu],
      [0, 0, () => ClusterInstanceGroupDetailsList, 0, 4, 0, () => ClusterRestrictedInstanceGroupDetailsList, () => ClusterRestrictedInstanceGroupsConfigOutput$, () => VpcConfig$, () => ClusterOrchestrator$, () => ClusterTieredStorageConfig$, 0, 0, 0, () => ClusterAutoScalingConfigOutput$],
      3
    ];
    var DescribeClusterSchedulerConfigRequest$ = [
      3,
      n0,
      _DCSCRe,
      0,
      [_CSCI, _CSCV],
      [0, 1],
      1
    ];
    var DescribeClusterSchedulerConfigResponse$ = [
      3,
      n0,
      _DCSCRes,
      0,
      [_CSCA, _CSCI, _N, _CSCV, _St, _CT, _FR, _SDt, _CAl, _SCc, _D, _CB, _LMT, _LMB],
      [0, 0, 0, 1, 0, 4, 0, 128 | 0, 0, () => SchedulerConfig$, 0, () => UserContext$, 4, () => UserContext$],
      6
    ];
    var DescribeCodeRepositoryInput$ = [
      3,
      n0,
      _DCRIe,
      0,
      [_CRN],
      [0],
      1
    ];
    var DescribeCodeRepositoryOutput$ = [
      3,
      n0,
      _DCRO,
      0,
      [_CRN, _CRA, _CT, _LMT, _GC],
      [0, 0, 4, 4, () => GitConfig$],
      4
    ];
    var DescribeCompilationJobRequest$ = [
      3,
      n0,
      _DCJRe,
      0,
      [_CJN],
      [0],
      1
    ];
    var DescribeCompilationJobResponse$ = [
      3,
      n0,
      _DCJRes,
      0,
      [_CJN, _CJAo, _CJSo, _SCt, _CT, _LMT, _FR, _MAo, _RAo, _ICnp, _OCu, _CSTo, _CET, _IIn, _MPVA, _MDo, _VC, _DIer],
      [0, 0, 0, () => StoppingCondition$, 4, 4, 0, () => ModelArtifacts$, 0, () => InputConfig$, () => OutputConfig$, 4, 4, 0, 0, () => ModelDigests$, () => NeoVpcConfig$, () => DerivedInformation$],
      11
    ];
    var DescribeComputeQuotaRequest$ = [
      3,
      n0,
      _DCQRe,
      0,
      [_CQI, _CQV],
      [0, 1],
      1
    ];
    var DescribeComputeQuotaResponse$ = [
      3,
      n0,
      _DCQRes,
      0,
      [_CQA, _CQI, _N, _CQV, _St, _CQT, _CT, _D, _FR, _CAl, _CQC, _ASct, _CB, _LMT, _LMB],
      [0, 0, 0, 1, 0, () => ComputeQuotaTarget$, 4, 0, 0, 0, () => ComputeQuotaConfig$, 0, () => UserContext$, 4, () => UserContext$],
      7
    ];
    var DescribeContextRequest$ = [
      3,
      n0,
      _DCRescr,
      0,
      [_CNon],
      [0],
      1
    ];
    var DescribeContextResponse$ = [
      3,
      n0,
      _DCRescri,
      0,
      [_CNon, _CAo, _S, _CTonte, _D, _Pr, _CT, _CB, _LMT, _LMB, _LGAi],
      [0, 0, () => ContextSource$, 0, 0, 128 | 0, 4, () => UserContext$, 4, () => UserContext$, 0]
    ];
    var DescribeDataQualityJobDefinitionRequest$ = [
      3,
      n0,
      _DDQJDRe,
      0,
      [_JDN],
      [0],
      1
    ];
    var DescribeDataQualityJobDefinitionResponse$ = [
      3,
      n0,
      _DDQJDRes,
      0,
      [_JDA, _JDN, _CT, _DQAS, _DQJI, _DQJOC, _JR, _RAo, _DQBC, _NCe, _SCt],
      [0, 0, 4, () => DataQualityAppSpecification$, () => DataQualityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => DataQualityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$],
      8
    ];
    var DescribeDeviceFleetRequest$ = [
      3,
      n0,
      _DDFRe,
      0,
      [_DFN],
      [0],
      1
    ];
    var DescribeDeviceFleetResponse$ = [
      3,
      n0,
      _DDFRes,
      0,
      [_DFN, _DFA, _OCu, _CT, _LMT, _D, _RAo, _IRA],
      [0, 0, () => EdgeOutputConfig$, 4, 4, 0, 0, 0],
      5
    ];
    var DescribeDeviceRequest$ = [
      3,
      n0,
      _DDRes,
      0,
      [_DNe, _DFN, _NTe],
      [0, 0, 0],
      2
    ];
    var DescribeDeviceResponse$ = [
      3,
      n0,
      _DDResc,
      0,
      [_DNe, _DFN, _RTeg, _DAe, _D, _ITN, _LHa, _Mod, _MMa, _NTe, _AV],
      [0, 0, 4, 0, 0, 0, 4, () => EdgeModels, 1, 0, 0],
      3
    ];
    var DescribeDomainRequest$ = [
      3,
      n0,
      _DDRescr,
      0,
      [_DI],
      [0],
      1
    ];
    var DescribeDomainResponse$ = [
      3,
      n0,
      _DDRescri,
      0,
      [_DAo, _DI, _DNo, _HEFSI, _SSOMAII, _SSOAA, _St, _CT, _LMT, _FR, _SGIFDB, _AM, _DUS, _DSo, _ANAT, _HEFSKKI, _SIu, _Ur, _VIp, _KKI, _ASGM, _HEFSC, _TP, _DSS],
      [0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, () => UserSettings$, () => DomainSettings$, 0, 0, 64 | 0, 0, 0, 0, 0, 0, 0, () => DefaultSpaceSettings$]
    ];
    var DescribeEdgeDeploymentPlanRequest$ = [
      3,
      n0,
      _DEDPRe,
      0,
      [_EDPN, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var DescribeEdgeDeploymentPlanResponse$ = [
      3,
      n0,
      _DEDPRes,
      0,
      [_EDPA, _EDPN, _MCo, _DFN, _Stag, _EDS, _EDP, _EDF, _NTe, _CT, _LMT],
      [0, 0, () => EdgeDeploymentModelConfigs, 0, () => DeploymentStageStatusSummaries, 1, 1, 1, 0, 4, 4],
      5
    ];
    var DescribeEdgePackagingJobRequest$ = [
      3,
      n0,
      _DEPJR,
      0,
      [_EPJN],
      [0],
      1
    ];
    var DescribeEdgePackagingJobResponse$ = [
      3,
      n0,
      _DEPJRe,
      0,
      [_EPJA, _EPJN, _EPJS, _CJN, _MNod, _MVo, _RAo, _OCu, _RK, _EPJSM, _CT, _LMT, _MAod, _MSo, _PDO],
      [0, 0, 0, 0, 0, 0, 0, () => EdgeOutputConfig$, 0, 0, 4, 4, 0, 0, () => EdgePresetDeploymentOutput$],
      3
    ];
    var DescribeEndpointConfigInput$ = [
      3,
      n0,
      _DECIe,
      0,
      [_ECN],
      [0],
      1
    ];
    var DescribeEndpointConfigOutput$ = [
      3,
      n0,
      _DECO,
      0,
      [_ECN, _ECA, _PV, _CT, _DCC, _KKI, _AIC, _ECx, _SPV, _ERA, _VC, _ENI, _MCe],
      [0, 0, () => ProductionVariantList, 4, () => DataCaptureConfig$, 0, () => AsyncInferenceConfig$, () => ExplainerConfig$, () => ProductionVariantList, 0, () => VpcConfig$, 2, () => MetricsConfig$],
      4
    ];
    var DescribeEndpointInput$ = [
      3,
      n0,
      _DEIe,
      0,
      [_EN],
      [0],
      1
    ];
    var DescribeEndpointOutput$ = [
      3,
      n0,
      _DEO,
      0,
      [_EN, _EA, _ES, _CT, _LMT, _ECN, _PV, _DCC, _FR, _LDC, _AIC, _PDS, _ECx, _SPV, _MCe],
      [0, 0, 0, 4, 4, 0, () => ProductionVariantSummaryList, () => DataCaptureConfigSummary$, 0, () => DeploymentConfig$, () => AsyncInferenceConfig$, () => PendingDeploymentSummary$, () => ExplainerConfig$, () => ProductionVariantSummaryList, () => MetricsConfig$],
      5
    ];
    var DescribeExperimentRequest$ = [
      3,
      n0,
      _DERes,
      0,
      [_ENx],
      [0],
      1
    ];
    var DescribeExperimentResponse$ = [
      3,
      n0,
      _DEResc,
      0,
      [_ENx, _EAx, _DNi, _S, _D, _CT, _CB, _LMT, _LMB],
      [0, 0, 0, () => ExperimentSource$, 0, 4, () => UserContext$, 4, () => UserContext$]
    ];
    var DescribeFeatureGroupRequest$ = [
      3,
      n0,
      _DFGRe,
      0,
      [_FGN, _NTe],
      [0, 0],
      1
    ];
    var DescribeFeatureGroupResponse$ = [
      3,
      n0,
      _DFGRes,
      0,
      [_FGA, _FGN, _RIFN, _ETFN, _FD, _CT, _NTe, _LMT, _OSC, _OSCf, _TCh, _RAo, _FGS, _OSS, _LUS, _FR, _D, _OSTSB],
      [0, 0, 0, 0, () => FeatureDefinitions, 4, 0, 4, () => OnlineStoreConfig$, () => OfflineStoreConfig$, () => ThroughputConfigDescription$, 0, 0, () => OfflineStoreStatus$, () => LastUpdateStatus$, 0, 0, 1],
      7
    ];
    var DescribeFeatureMetadataRequest$ = [
      3,
      n0,
      _DFMR,
      0,
      [_FGN, _FN],
      [0, 0],
      2
    ];
    var DescribeFeatureMetadataResponse$ = [
      3,
      n0,
      _DFMRe,
      0,
      [_FGA, _FGN, _FN, _FTe, _CT, _LMT, _D, _P],
      [0, 0, 0, 0, 4, 4, 0, () => FeatureParameters],
      6
    ];
    var DescribeFlowDefinitionRequest$ = [
      3,
      n0,
      _DFDRes,
      0,
      [_FDN],
      [0],
      1
    ];
    var DescribeFlowDefinitionResponse$ = [
      3,
      n0,
      _DFDResc,
      0,
      [_FDA, _FDN, _FDS, _CT, _OCu, _RAo, _HLRS, _HLACu, _HLC, _FR],
      [0, 0, 0, 4, () => FlowDefinitionOutputConfig$, 0, () => HumanLoopRequestSource$, [() => HumanLoopActivationConfig$, 0], () => HumanLoopConfig$, 0],
      6
    ];
    var DescribeHubContentRequest$ = [
      3,
      n0,
      _DHCRe,
      0,
      [_HN, _HCT, _HCN, _HCV],
      [0, 0, 0, 0],
      3
    ];
    var DescribeHubContentResponse$ = [
      3,
      n0,
      _DHCRes,
      0,
      [_HCN, _HCA, _HCV, _HCT, _DSV, _HN, _HA, _HCD, _HCS, _CT, _HCDN, _HCDu, _HCM, _SMPHCA, _RMV, _SSu, _HCSK, _HCDub, _FR, _LMT],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 64 | 0, () => HubContentDependencyList, 0, 4],
      10
    ];
    var DescribeHubRequest$ = [
      3,
      n0,
      _DHRe,
      0,
      [_HN],
      [0],
      1
    ];
    var DescribeHubResponse$ = [
      3,
      n0,
      _DHRes,
      0,
      [_HN, _HA, _HS, _CT, _LMT, _HDN, _HD, _HSK, _SSC, _FR],
      [0, 0, 0, 4, 4, 0, 0, 64 | 0, () => HubS3StorageConfig$, 0],
      5
    ];
    var DescribeHumanTaskUiRequest$ = [
      3,
      n0,
      _DHTURes,
      0,
      [_HTUN],
      [0],
      1
    ];
    var DescribeHumanTaskUiResponse$ = [
      3,
      n0,
      _DHTUResc,
      0,
      [_HTUA, _HTUN, _CT, _UT, _HTUS],
      [0, 0, 4, () => UiTemplateInfo$, 0],
      4
    ];
    var DescribeHyperParameterTuningJobRequest$ = [
      3,
      n0,
      _DHPTJRe,
      0,
      [_HPTJN],
      [0],
      1
    ];
    var DescribeHyperParameterTuningJobResponse$ = [
      3,
      n0,
      _DHPTJRes,
      0,
      [_HPTJN, _HPTJA, _HPTJC, _HPTJS, _CT, _TJSC, _OSCb, _TJD, _TJDra, _HPTET, _LMT, _BTJ, _OBTJ, _WSC, _Au, _FR, _TJCD, _CRons],
      [0, 0, () => HyperParameterTuningJobConfig$, 0, 4, () => TrainingJobStatusCounters$, () => ObjectiveStatusCounters$, () => HyperParameterTrainingJobDefinition$, () => HyperParameterTrainingJobDefinitions, 4, 4, () => HyperParameterTrainingJobSummary$, () => HyperParameterTrainingJobSummary$, () => HyperParameterTuningJobWarmStartConfig$, () => Autotune$, 0, () => HyperParameterTuningJobCompletionDetails$, () => HyperParameterTuningJobConsumedResources$],
      7
    ];
    var DescribeImageRequest$ = [
      3,
      n0,
      _DIRes,
      0,
      [_IN],
      [0],
      1
    ];
    var DescribeImageResponse$ = [
      3,
      n0,
      _DIResc,
      0,
      [_CT, _D, _DNi, _FR, _IAm, _IN, _ISm, _LMT, _RAo],
      [4, 0, 0, 0, 0, 0, 0, 4, 0]
    ];
    var DescribeImageVersionRequest$ = [
      3,
      n0,
      _DIVRes,
      0,
      [_IN, _V, _Alia],
      [0, 1, 0],
      1
    ];
    var DescribeImageVersionResponse$ = [
      3,
      n0,
      _DIVResc,
      0,
      [_BI, _CIo, _CT, _FR, _IAm, _IVA, _IVS, _LMT, _V, _VG, _JT, _MLF, _PL, _Pro, _H, _RN],
      [0, 0, 4, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 2, 0]
    ];
    var DescribeInferenceComponentInput$ = [
      3,
      n0,
      _DICIe,
      0,
      [_ICN],
      [0],
      1
    ];
    var DescribeInferenceComponentOutput$ = [
      3,
      n0,
      _DICO,
      0,
      [_ICN, _ICA, _EN, _EA, _CT, _LMT, _VN, _FR, _Spe, _Spec, _RC, _ICS, _LDC],
      [0, 0, 0, 0, 4, 4, 0, 0, () => InferenceComponentSpecificationSummary$, () => InferenceComponentSpecificationSummaryList, () => InferenceComponentRuntimeConfigSummary$, 0, () => InferenceComponentDeploymentConfig$],
      6
    ];
    var DescribeInferenceExperimentRequest$ = [
      3,
      n0,
      _DIERes,
      0,
      [_N],
      [0],
      1
    ];
    var DescribeInferenceExperimentResponse$ = [
      3,
      n0,
      _DIEResc,
      0,
      [_Ar, _N, _T, _St, _EM, _MVod, _Sc, _SRt, _D, _CT, _CTom, _LMT, _RAo, _DSCa, _SMC, _KK],
      [0, 0, 0, 0, () => EndpointMetadata$, () => ModelVariantConfigSummaryList, () => InferenceExperimentSchedule$, 0, 0, 4, 4, 4, 0, () => InferenceExperimentDataStorageConfig$, () => ShadowModeConfig$, 0],
      6
    ];
    var DescribeInferenceRecommendationsJobRequest$ = [
      3,
      n0,
      _DIRJR,
      0,
      [_JN],
      [0],
      1
    ];
    var DescribeInferenceRecommendationsJobResponse$ = [
      3,
      n0,
      _DIRJRe,
      0,
      [_JN, _JT, _JA, _RAo, _St, _CT, _LMT, _ICnp, _JD, _CTom, _FR, _SCto, _IRnf, _EPn],
      [0, 0, 0, 0, 0, 4, 4, () => RecommendationJobInputConfig$, 0, 4, 0, () => RecommendationJobStoppingConditions$, () => InferenceRecommendations, () => EndpointPerformances],
      8
    ];
    var DescribeJobRequest$ = [
      3,
      n0,
      _DJRes,
      0,
      [_JN, _JC],
      [0, 0],
      2
    ];
    var DescribeJobResponse$ = [
      3,
      n0,
      _DJResc,
      0,
      [_JN, _JA, _RAo, _JC, _JCSV, _CT, _LMT, _JSo, _SSe, _SST, _JCD, _ETn, _FR, _Ta],
      [0, 0, 0, 0, 0, 4, 4, 0, 0, () => JobSecondaryStatusTransitions, 0, 4, 0, () => TagList],
      10
    ];
    var DescribeJobSchemaVersionRequest$ = [
      3,
      n0,
      _DJSVR,
      0,
      [_JC, _JCSV],
      [0, 0],
      1
    ];
    var DescribeJobSchemaVersionResponse$ = [
      3,
      n0,
      _DJSVRe,
      0,
      [_JC, _JCSV, _JCS],
      [0, 0, 0],
      3
    ];
    var DescribeLabelingJobRequest$ = [
      3,
      n0,
      _DLJR,
      0,
      [_LJN],
      [0],
      1
    ];
    var DescribeLabelingJobResponse$ = [
      3,
      n0,
      _DLJRe,
      0,
      [_LJS, _LC, _CT, _LMT, _JRC, _LJN, _LJA, _ICnp, _OCu, _RAo, _HTC, _FR, _LAN, _LCCSU, _SCto, _LJAC, _Ta, _LJO],
      [0, () => LabelCounters$, 4, 4, 0, 0, 0, () => LabelingJobInputConfig$, () => LabelingJobOutputConfig$, 0, () => HumanTaskConfig$, 0, 0, 0, () => LabelingJobStoppingConditions$, () => LabelingJobAlgorithmsConfig$, () => TagList, () => LabelingJobOutput$],
      11
    ];
    var DescribeLineageGroupRequest$ = [
      3,
      n0,
      _DLGR,
      0,
      [_LGN],
      [0],
      1
    ];
    var DescribeLineageGroupResponse$ = [
      3,
      n0,
      _DLGRe,
      0,
      [_LGN, _LGAi, _DNi, _D, _CT, _CB, _LMT, _LMB],
      [0, 0, 0, 0, 4, () => UserContext$, 4, () => UserContext$]
    ];
    var DescribeMlflowAppRequest$ = [
      3,
      n0,
      _DMARes,
      0,
      [_Ar],
      [0],
      1
    ];
    var DescribeMlflowAppResponse$ = [
      3,
      n0,
      _DMAResc,
      0,
      [_Ar, _N, _ASU, _MVl, _RAo, _KKI, _St, _MRM, _ADS, _DDIL, _CT, _CB, _LMT, _LMB, _WMWS, _MSa],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 64 | 0, 4, () => UserContext$, 4, () => UserContext$, 0, 0]
    ];
    var DescribeMlflowTrackingServerRequest$ = [
      3,
      n0,
      _DMTSRes,
      0,
      [_TSN],
      [0],
      1
    ];
    var DescribeMlflowTrackingServerResponse$ = [
      3,
      n0,
      _DMTSResc,
      0,
      [_TSA, _TSN, _ASU, _TSS, _MVl, _RAo, _TSSr, _TSMS, _IAs, _TSU, _WMWS, _AMR, _CT, _CB, _LMT, _LMB, _SBOAI, _SBOV],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4, () => UserContext$, 4, () => UserContext$, 0, 2]
    ];
    var DescribeModelBiasJobDefinitionRequest$ = [
      3,
      n0,
      _DMBJDRe,
      0,
      [_JDN],
      [0],
      1
    ];
    var DescribeModelBiasJobDefinitionResponse$ = [
      3,
      n0,
      _DMBJDRes,
      0,
      [_JDA, _JDN, _CT, _MBAS, _MBJI, _MBJOC, _JR, _RAo, _MBBC, _NCe, _SCt],
      [0, 0, 4, () => ModelBiasAppSpecification$, () => ModelBiasJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelBiasBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$],
      8
    ];
    var DescribeModelCardExportJobRequest$ = [
      3,
      n0,
      _DMCEJR,
      0,
      [_MCEJA],
      [0],
      1
    ];
    var DescribeModelCardExportJobResponse$ = [
      3,
      n0,
      _DMCEJRe,
      0,
      [_MCEJN, _MCEJA, _St, _MCN, _MCV, _OCu, _CAr, _LMA, _FR, _EAxp],
      [0, 0, 0, 0, 1, () => ModelCardExportOutputConfig$, 4, 4, 0, () => ModelCardExportArtifacts$],
      8
    ];
    var DescribeModelCardRequest$ = [
      3,
      n0,
      _DMCRe,
      0,
      [_MCN, _MCV, _IDn],
      [0, 1, 0],
      1
    ];
    var DescribeModelCardResponse$ = [
      3,
      n0,
      _DMCRes,
      0,
      [_MCA, _MCN, _MCV, _Cont, _MCS, _CT, _CB, _SC, _LMT, _LMB, _MCPS],
      [0, 0, 1, [() => ModelCardContent, 0], 0, 4, () => UserContext$, () => ModelCardSecurityConfig$, 4, () => UserContext$, 0],
      7
    ];
    var DescribeModelExplainabilityJobDefinitionRequest$ = [
      3,
      n0,
      _DMEJDRe,
      0,
      [_JDN],
      [0],
      1
    ];
    var DescribeModelExplainabilityJobDefinitionResponse$ = [
      3,
      n0,
      _DMEJDRes,
      0,
      [_JDA, _JDN, _CT, _MEAS, _MEJI, _MEJOC, _JR, _RAo, _MEBC, _NCe, _SCt],
      [0, 0, 4, () => ModelExplainabilityAppSpecification$, () => ModelExplainabilityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelExplainabilityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$],
      8
    ];
    var DescribeModelInput$ = [
      3,
      n0,
      _DMIe,
      0,
      [_MNod],
      [0],
      1
    ];
    var DescribeModelOutput$ = [
      3,
      n0,
      _DMO,
      0,
      [_MNod, _CT, _MA, _PC, _Co, _IEC, _ERA, _VC, _ENI, _DR],
      [0, 4, 0, () => ContainerDefinition$, () => ContainerDefinitionList, () => InferenceExecutionConfig$, 0, () => VpcConfig$, 2, () => DeploymentRecommendation$],
      3
    ];
    var DescribeModelPackageGroupInput$ = [
      3,
      n0,
      _DMPGIe,
      0,
      [_MPGN],
      [0],
      1
    ];
    var DescribeModelPackageGroupOutput$ = [
      3,
      n0,
      _DMPGO,
      0,
      [_MPGN, _MPGA, _CT, _CB, _MPGS, _MPGD, _MCan],
      [0, 0, 4, () => UserContext$, 0, 0, () => ManagedConfiguration$],
      5
    ];
    var DescribeModelPackageInput$ = [
      3,
      n0,
      _DMPIe,
      0,
      [_MPN, _IDn],
      [0, 0],
      1
    ];
    var DescribeModelPackageOutput$ = [
      3,
      n0,
      _DMPO,
      0,
      [_MPN, _MPA, _CT, _MPSo, _MPSD, _MPGN, _MPV, _MPRT, _MPD, _ISn, _SAS, _VSa, _CFM, _MAS, _CB, _MPe, _MM, _LMT, _LMB, _ADpp, _Do, _Tas, _SPU, _CMP, _DCB, _AIS, _SMV, _SU, _SC, _MCod, _MLC, _MST],
      [0, 0, 4, 0, () => ModelPackageStatusDetails$, 0, 1, 0, 0, () => InferenceSpecification$, () => SourceAlgorithmSpecification$, () => ModelPackageValidationSpecification$, 2, 0, () => UserContext$, () => MetadataProperties$, () => ModelMetrics$, 4, () => UserContext$, 0, 0, 0, 0, 128 | 0, () => DriftCheckBaselines$, () => AdditionalInferenceSpecifications, 0, 0, () => ModelPackageSecurityConfig$, [() => ModelPackageModelCard$, 0], () => ModelLifeCycle$, 0],
      5
    ];
    var DescribeModelQualityJobDefinitionRequest$ = [
      3,
      n0,
      _DMQJDRe,
      0,
      [_JDN],
      [0],
      1
    ];
    var DescribeModelQualityJobDefinitionResponse$ = [
      3,
      n0,
      _DMQJDRes,
      0,
      [_JDA, _JDN, _CT, _MQAS, _MQJI, _MQJOC, _JR, _RAo, _MQBC, _NCe, _SCt],
      [0, 0, 4, () => ModelQualityAppSpecification$, () => ModelQualityJobInput$, () => MonitoringOutputConfig$, () => MonitoringResources$, 0, () => ModelQualityBaselineConfig$, () => MonitoringNetworkConfig$, () => MonitoringStoppingCondition$],
      8
    ];
    var DescribeMonitoringScheduleRequest$ = [
      3,
      n0,
      _DMSRe,
      0,
      [_MSN],
      [0],
      1
    ];
    var DescribeMonitoringScheduleResponse$ = [
      3,
      n0,
      _DMSRes,
      0,
      [_MSA, _MSN, _MSS, _CT, _LMT, _MSC, _MTo, _FR, _EN, _LMES],
      [0, 0, 0, 4, 4, () => MonitoringScheduleConfig$, 0, 0, 0, () => MonitoringExecutionSummary$],
      6
    ];
    var DescribeNotebookInstanceInput$ = [
      3,
      n0,
      _DNIIe,
      0,
      [_NIN],
      [0],
      1
    ];
    var DescribeNotebookInstanceLifecycleConfigInput$ = [
      3,
      n0,
      _DNILCIe,
      0,
      [_NILCN],
      [0],
      1
    ];
    var DescribeNotebookInstanceLifecycleConfigOutput$ = [
      3,
      n0,
      _DNILCO,
      0,
      [_NILCA, _NILCN, _OCn, _OSn, _LMT, _CT],
      [0, 0, () => NotebookInstanceLifecycleConfigList, () => NotebookInstanceLifecycleConfigList, 4, 4]
    ];
    var DescribeNotebookInstanceOutput$ = [
      3,
      n0,
      _DNIO,
      0,
      [_NIA, _NIN, _NIS, _FR, _Ur, _ITn, _IAT, _SIub, _SG, _RAo, _KKI, _NII, _LMT, _CT, _NILCN, _DIA, _VSIGB, _ATc, _DCR, _ACR, _RAoo, _PIl, _IMSC],
      [0, 0, 0, 0, 0, 0, 0, 0, 64 | 0, 0, 0, 0, 4, 4, 0, 0, 1, 64 | 0, 0, 64 | 0, 0, 0, () => InstanceMetadataServiceConfiguration$]
    ];
    var DescribeOptimizationJobRequest$ = [
      3,
      n0,
      _DOJRe,
      0,
      [_OJN],
      [0],
      1
    ];
    var DescribeOptimizationJobResponse$ = [
      3,
      n0,
      _DOJRes,
      0,
      [_OJA, _OJS, _CT, _LMT, _OJN, _MS, _DITe, _OCp, _OCu, _RAo, _SCt, _OST, _OET, _FR, _OE, _MICa, _OO, _VC, _TPAr],
      [0, 0, 4, 4, 0, () => OptimizationJobModelSource$, 0, () => OptimizationConfigs, () => OptimizationJobOutputConfig$, 0, () => StoppingCondition$, 4, 4, 0, 128 | 0, 1, () => OptimizationOutput$, () => OptimizationVpcConfig$, 64 | 0],
      11
    ];
    var DescribePartnerAppRequest$ = [
      3,
      n0,
      _DPARes,
      0,
      [_Ar, _IAU],
      [0, 2],
      1
    ];
    var DescribePartnerAppResponse$ = [
      3,
      n0,
      _DPAResc,
      0,
      [_Ar, _N, _T, _St, _CT, _LMT, _ERA, _KKI, _BU, _MCai, _Ti, _V, _ACp, _ATu, _EISBI, _Er, _EAMVU, _CVED, _AUv, _ICd],
      [0, 0, 0, 0, 4, 4, 0, 0, 0, () => PartnerAppMaintenanceConfig$, 0, 0, () => PartnerAppConfig$, 0, 2, () => ErrorInfo$, 2, 4, () => AvailableUpgrade$, () => IdcConfigOutput$]
    ];
    var DescribePipelineDefinitionForExecutionRequest$ = [
      3,
      n0,
      _DPDFER,
      0,
      [_PEA],
      [0],
      1
    ];
    var DescribePipelineDefinitionForExecutionResponse$ = [
      3,
      n0,
      _DPDFERe,
      0,
      [_PD, _CT],
      [0, 4]
    ];
    var DescribePipelineExecutionRequest$ = [
      3,
      n0,
      _DPER,
      0,
      [_PEA],
      [0],
      1
    ];
    var DescribePipelineExecutionResponse$ = [
      3,
      n0,
      _DPERe,
      0,
      [_PAi, _PEA, _PEDN, _PES, _PED, _PEC, _FR, _CT, _LMT, _CB, _LMB, _PCa, _SECe, _PVI, _MLCf],
      [0, 0, 0, 0, 0, () => PipelineExperimentConfig$, 0, 4, 4, () => UserContext$, () => UserContext$, () => ParallelismConfiguration$, () => SelectiveExecutionConfig$, 1, () => MLflowConfiguration$]
    ];
    var DescribePipelineRequest$ = [
      3,
      n0,
      _DPRes,
      0,
      [_PNi, _PVI],
      [0, 1],
      1
    ];
    var DescribePipelineResponse$ = [
      3,
      n0,
      _DPResc,
      0,
      [_PAi, _PNi, _PDN, _PD, _PDi, _RAo, _PSi, _CT, _LMT, _LRT, _CB, _LMB, _PCa, _PVDN, _PVD],
      [0, 0, 0, 0, 0, 0, 0, 4, 4, 4, () => UserContext$, () => UserContext$, () => ParallelismConfiguration$, 0, 0]
    ];
    var DescribeProcessingJobRequest$ = [
      3,
      n0,
      _DPJRe,
      0,
      [_PJN],
      [0],
      1
    ];
    var DescribeProcessingJobResponse$ = [
      3,
      n0,
      _DPJRes,
      0,
      [_PJN, _PR, _ASp, _PJA, _PJS, _CT, _PIr, _POC, _SCt, _E, _NCe, _RAo, _ECxp, _EMx, _FR, _PET, _PST, _LMT, _MSA, _AMLJAu, _TJA],
      [0, () => ProcessingResources$, () => AppSpecification$, 0, 0, 4, () => ProcessingInputs, () => ProcessingOutputConfig$, () => ProcessingStoppingCondition$, 128 | 0, () => NetworkConfig$, 0, () => ExperimentConfig$, 0, 0, 4, 4, 4, 0, 0, 0],
      6
    ];
    var DescribeProjectInput$ = [
      3,
      n0,
      _DPIe,
      0,
      [_PNr],
      [0],
      1
    ];
    var DescribeProjectOutput$ = [
      3,
      n0,
      _DPO,
      0,
      [_PAr, _PNr, _PIro, _PSr, _CT, _PDr, _SCPD, _SCPPD, _TPD, _CB, _LMT, _LMB],
      [0, 0, 0, 0, 4, 0, () => ServiceCatalogProvisioningDetails$, () => ServiceCatalogProvisionedProductDetails$, () => TemplateProviderDetailList, () => UserContext$, 4, () => UserContext$],
      5
    ];
    var DescribeReservedCapacityRequest$ = [
      3,
      n0,
      _DRCR,
      0,
      [_RCA],
      [0],
      1
    ];
    var DescribeReservedCapacityResponse$ = [
      3,
      n0,
      _DRCRe,
      0,
      [_RCA, _ITn, _TICo, _RCT, _St, _AZv, _DH, _DM, _STt, _ETn, _AICv, _IUIC, _USS],
      [0, 0, 1, 0, 0, 0, 1, 1, 4, 4, 1, 1, () => UltraServerSummary$],
      3
    ];
    var DescribeSpaceRequest$ = [
      3,
      n0,
      _DSRe,
      0,
      [_DI, _SN],
      [0, 0],
      2
    ];
    var DescribeSpaceResponse$ = [
      3,
      n0,
      _DSRes,
      0,
      [_DI, _SAp, _SN, _HEFSU, _St, _LMT, _CT, _FR, _SS, _OSw, _SSS, _SDN, _Ur],
      [0, 0, 0, 0, 0, 4, 4, 0, () => SpaceSettings$, () => OwnershipSettings$, () => SpaceSharingSettings$, 0, 0]
    ];
    var DescribeStudioLifecycleConfigRequest$ = [
      3,
      n0,
      _DSLCRe,
      0,
      [_SLCN],
      [0],
      1
    ];
    var DescribeStudioLifecycleConfigResponse$ = [
      3,
      n0,
      _DSLCRes,
      0,
      [_SLCA, _SLCN, _CT, _LMT, _SLCC, _SLCAT],
      [0, 0, 4, 4, 0, 0]
    ];
    var DescribeSubscribedWorkteamRequest$ = [
      3,
      n0,
      _DSWR,
      0,
      [_WAo],
      [0],
      1
    ];
    var DescribeSubscribedWorkteamResponse$ = [
      3,
      n0,
      _DSWRe,
      0,
      [_SW],
      [() => SubscribedWorkteam$],
      1
    ];
    var DescribeTrainingJobRequest$ = [
      3,
      n0,
      _DTJRe,
      0,
      [_TJN],
      [0],
      1
    ];
    var DescribeTrainingJobResponse$ = [
      3,
      n0,
      _DTJRes,
      0,
      [_TJN, _TJA, _MAo, _TJS, _SSe, _SCt, _CT, _TJAu, _LJA, _AMLJAu, _FR, _HP, _ASl, _RAo, _IDC, _ODC, _RCe, _WPS, _VC, _TST, _TET, _LMT, _SST, _FMDL, _ENI, _EICTE, _EMST, _CCh, _TTIS, _BTIS, _BTC, _DHC, _ECxp, _DRC, _TBOC, _DRESe, _PCr, _PRC, _PRES, _PSro, _E, _RSe, _RDC, _ICC, _SJC, _MC, _MPC, _MDl, _PIrog, _OMPA],
      [0, 0, () => ModelArtifacts$, 0, 0, () => StoppingCondition$, 4, 0, 0, 0, 0, 128 | 0, () => AlgorithmSpecification$, 0, () => InputDataConfig, () => OutputDataConfig$, () => ResourceConfig$, () => WarmPoolStatus$, () => VpcConfig$, 4, 4, 4, () => SecondaryStatusTransitions, () => FinalMetricDataList, 2, 2, 2, () => CheckpointConfig$, 1, 1, 1, () => DebugHookConfig$, () => ExperimentConfig$, () => DebugRuleConfigurations, () => TensorBoardOutputConfig$, () => DebugRuleEvaluationStatuses, () => ProfilerConfig$, () => ProfilerRuleConfigurations, () => ProfilerRuleEvaluationStatuses, 0, 128 | 0, () => RetryStrategy$, () => RemoteDebugConfig$, () => InfraCheckConfig$, () => ServerlessJobConfig$, () => MlflowConfig$, () => ModelPackageConfig$, () => MlflowDetails$, () => TrainingProgressInfo$, 0],
      7
    ];
    var DescribeTrainingPlanExtensionHistoryRequest$ = [
      3,
      n0,
      _DTPEHR,
      0,
      [_TPA, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var DescribeTrainingPlanExtensionHistoryResponse$ = [
      3,
      n0,
      _DTPEHRe,
      0,
      [_TPE, _NTe],
      [() => TrainingPlanExtensions, 0],
      1
    ];
    var DescribeTrainingPlanRequest$ = [
      3,
      n0,
      _DTPR,
      0,
      [_TPN],
      [0],
      1
    ];
    var DescribeTrainingPlanResponse$ = [
      3,
      n0,
      _DTPRe,
      0,
      [_TPA, _TPN, _St, _SM, _DH, _DM, _STt, _ETn, _UF, _CCur, _TICo, _AICv, _IUIC, _UIC, _ASIC, _TUSC, _TRa, _RCS],
      [0, 0, 0, 0, 1, 1, 4, 4, 0, 0, 1, 1, 1, 1, 1, 1, 64 | 0, () => ReservedCapacitySummaries],
      3
    ];
    var DescribeTransformJobRequest$ = [
      3,
      n0,
      _DTJResc,
      0,
      [_TJNr],
      [0],
      1
    ];
    var DescribeTransformJobResponse$ = [
      3,
      n0,
      _DTJRescr,
      0,
      [_TJNr, _TJAr, _TJSr, _MNod, _TIr, _TR, _CT, _FR, _MCT, _MCCo, _MPIMB, _BS, _E, _TO, _DCC, _TSTr, _TETr, _LJA, _AMLJAu, _DP, _ECxp],
      [0, 0, 0, 0, () => TransformInput$, () => TransformResources$, 4, 0, 1, () => ModelClientConfig$, 1, 0, 128 | 0, () => TransformOutput$, () => BatchDataCaptureConfig$, 4, 4, 0, 0, () => DataProcessing$, () => ExperimentConfig$],
      7
    ];
    var DescribeTrialComponentRequest$ = [
      3,
      n0,
      _DTCRes,
      0,
      [_TCN],
      [0],
      1
    ];
    var DescribeTrialComponentResponse$ = [
      3,
      n0,
      _DTCResc,
      0,
      [_TCN, _TCA, _DNi, _S, _St, _STt, _ETn, _CT, _CB, _LMT, _LMB, _P, _IAn, _OA, _MPe, _Met, _LGAi, _So],
      [0, 0, 0, () => TrialComponentSource$, () => TrialComponentStatus$, 4, 4, 4, () => UserContext$, 4, () => UserContext$, () => TrialComponentParameters, () => TrialComponentArtifacts, () => TrialComponentArtifacts, () => MetadataProperties$, () => TrialComponentMetricSummaries, 0, () => TrialComponentSources]
    ];
    var DescribeTrialRequest$ = [
      3,
      n0,
      _DTRes,
      0,
      [_TN],
      [0],
      1
    ];
    var DescribeTrialResponse$ = [
      3,
      n0,
      _DTResc,
      0,
      [_TN, _TA, _DNi, _ENx, _S, _CT, _CB, _LMT, _LMB, _MPe],
      [0, 0, 0, 0, () => TrialSource$, 4, () => UserContext$, 4, () => UserContext$, () => MetadataProperties$]
    ];
    var DescribeUserProfileRequest$ = [
      3,
      n0,
      _DUPRe,
      0,
      [_DI, _UPN],
      [0, 0],
      2
    ];
    var DescribeUserProfileResponse$ = [
      3,
      n0,
      _DUPRes,
      0,
      [_DI, _UPA, _UPN, _HEFSU, _St, _LMT, _CT, _FR, _SSOUI, _SSOUV, _US],
      [0, 0, 0, 0, 0, 4, 4, 0, 0, 0, () => UserSettings$]
    ];
    var DescribeWorkforceRequest$ = [
      3,
      n0,
      _DWRes,
      0,
      [_WN],
      [0],
      1
    ];
    var DescribeWorkforceResponse$ = [
      3,
      n0,
      _DWResc,
      0,
      [_W],
      [() => Workforce$],
      1
    ];
    var DescribeWorkteamRequest$ = [
      3,
      n0,
      _DWRescr,
      0,
      [_WNo],
      [0],
      1
    ];
    var DescribeWorkteamResponse$ = [
      3,
      n0,
      _DWRescri,
      0,
      [_Wo],
      [() => Workteam$],
      1
    ];
    var DesiredWeightAndCapacity$ = [
      3,
      n0,
      _DWAC,
      0,
      [_VN, _DW, _DIC, _SUCe],
      [0, 1, 1, () => ProductionVariantServerlessUpdateConfig$],
      1
    ];
    var DetachClusterNodeVolumeRequest$ = [
      3,
      n0,
      _DCNVR,
      0,
      [_CAl, _NI, _VI],
      [0, 0, 0],
      3
    ];
    var DetachClusterNodeVolumeResponse$ = [
      3,
      n0,
      _DCNVRe,
      0,
      [_CAl, _NI, _VI, _ATt, _St, _DNe],
      [0, 0, 0, 4, 0, 0],
      6
    ];
    var Device$ = [
      3,
      n0,
      _De,
      0,
      [_DNe, _D, _ITN],
      [0, 0, 0],
      1
    ];
    var DeviceDeploymentSummary$ = [
      3,
      n0,
      _DDSe,
      0,
      [_EDPA, _EDPN, _SNt, _DNe, _DAe, _DSN, _DFN, _DDSev, _DDSM, _D, _DST],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
      5
    ];
    var DeviceFleetSummary$ = [
      3,
      n0,
      _DFS,
      0,
      [_DFA, _DFN, _CT, _LMT],
      [0, 0, 4, 4],
      2
    ];
    var DeviceSelectionConfig$ = [
      3,
      n0,
      _DSCe,
      0,
      [_DSTe, _Pe, _DNev, _DNC],
      [0, 1, 64 | 0, 0],
      1
    ];
    var DeviceStats$ = [
      3,
      n0,
      _DSev,
      0,
      [_CDC, _RDCe],
      [1, 1],
      2
    ];
    var DeviceSummary$ = [
      3,
      n0,
      _DSevi,
      0,
      [_DNe, _DAe, _D, _DFN, _ITN, _RTeg, _LHa, _Mod, _AV],
      [0, 0, 0, 0, 0, 4, 4, () => EdgeModelSummaries, 0],
      2
    ];
    var DirectDeploySettings$ = [
      3,
      n0,
      _DDS,
      0,
      [_St],
      [0]
    ];
    var DisableSagemakerServicecatalogPortfolioInput$ = [
      3,
      n0,
      _DSSPI,
      0,
      [],
      []
    ];
    var DisableSagemakerServicecatalogPortfolioOutput$ = [
      3,
      n0,
      _DSSPO,
      0,
      [],
      []
    ];
    var DisassociateTrialComponentRequest$ = [
      3,
      n0,
      _DTCRi,
      0,
      [_TCN, _TN],
      [0, 0],
      2
    ];
    var DisassociateTrialComponentResponse$ = [
      3,
      n0,
      _DTCRis,
      0,
      [_TCA, _TA],
      [0, 0]
    ];
    var DockerSettings$ = [
      3,
      n0,
      _DSoc,
      0,
      [_EDA, _VOTA, _RDo],
      [0, 64 | 0, 0]
    ];
    var DomainDetails$ = [
      3,
      n0,
      _DDo,
      0,
      [_DAo, _DI, _DNo, _St, _CT, _LMT, _Ur],
      [0, 0, 0, 0, 4, 4, 0]
    ];
    var DomainSettings$ = [
      3,
      n0,
      _DSo,
      0,
      [_SGI, _RSSPDS, _ERIC, _TIPS, _DSoc, _AQS, _USSn, _IAT],
      [64 | 0, () => RStudioServerProDomainSettings$, 0, () => TrustedIdentityPropagationSettings$, () => DockerSettings$, () => AmazonQSettings$, () => UnifiedStudioSettings$, 0]
    ];
    var DomainSettingsForUpdate$ = [
      3,
      n0,
      _DSFU,
      0,
      [_RSSPDSFU, _ERIC, _SGI, _TIPS, _DSoc, _AQS, _USSn, _IAT],
      [() => RStudioServerProDomainSettingsForUpdate$, 0, 64 | 0, () => TrustedIdentityPropagationSettings$, () => DockerSettings$, () => AmazonQSettings$, () => UnifiedStudioSettings$, 0]
    ];
    var DriftCheckBaselines$ = [
      3,
      n0,
      _DCB,
      0,
      [_B, _Ex, _MQ, _MDQ],
      [() => DriftCheckBias$, () => DriftCheckExplainability$, () => DriftCheckModelQuality$, () => DriftCheckModelDataQuality$]
    ];
    var DriftCheckBias$ = [
      3,
      n0,
      _DCBr,
      0,
      [_CF, _PTC, _PTCo],
      [() => FileSource$, () => MetricsSource$, () => MetricsSource$]
    ];
    var DriftCheckExplainability$ = [
      3,
      n0,
      _DCE,
      0,
      [_Con, _CF],
      [() => MetricsSource$, () => FileSource$]
    ];
    var DriftCheckModelDataQuality$ = [
      3,
      n0,
      _DCMDQ,
      0,
      [_Stati, _Con],
      [() => MetricsSource$, () => MetricsSource$]
    ];
    var DriftCheckModelQuality$ = [
      3,
      n0,
      _DCMQ,
      0,
      [_Stati, _Con],
      [() => MetricsSource$, () => MetricsSource$]
    ];
    var DynamicScalingConfiguration$ = [
      3,
      n0,
      _DSCy,
      0,
      [_MCin, _MCax, _SICc, _SOC, _SP],
      [1, 1, 1, 1, () => ScalingPolicies]
    ];
    var EbsStorageSettings$ = [
      3,
      n0,
      _ESSb,
      0,
      [_EVSIG],
      [1],
      1
    ];
    var Ec2CapacityReservation$ = [
      3,
      n0,
      _ECR,
      0,
      [_ECRI, _TICo, _AICv, _UBCE],
      [0, 1, 1, 1]
    ];
    var Edge$ = [
      3,
      n0,
      _Ed,
      0,
      [_SA, _DA, _ATs],
      [0, 0, 0]
    ];
    var EdgeDeploymentConfig$ = [
      3,
      n0,
      _EDC,
      0,
      [_FHP],
      [0],
      1
    ];
    var EdgeDeploymentModelConfig$ = [
      3,
      n0,
      _EDMC,
      0,
      [_MH, _EPJN],
      [0, 0],
      2
    ];
    var EdgeDeploymentPlanSummary$ = [
      3,
      n0,
      _EDPS,
      0,
      [_EDPA, _EDPN, _DFN, _EDS, _EDP, _EDF, _CT, _LMT],
      [0, 0, 0, 1, 1, 1, 4, 4],
      6
    ];
    var EdgeDeploymentStatus$ = [
      3,
      n0,
      _EDSd,
      0,
      [_SSt, _EDSIS, _EDPIS, _EDFIS, _EDSM, _EDSST],
      [0, 1, 1, 1, 0, 4],
      4
    ];
    var EdgeModel$ = [
      3,
      n0,
      _EMd,
      0,
      [_MNod, _MVo, _LST, _LIa],
      [0, 0, 4, 4],
      2
    ];
    var EdgeModelStat$ = [
      3,
      n0,
      _EMS,
      0,
      [_MNod, _MVo, _ODCf, _CDC, _ADC, _SDC],
      [0, 0, 1, 1, 1, 1],
      6
    ];
    var EdgeModelSummary$ = [
      3,
      n0,
      _EMSd,
      0,
      [_MNod, _MVo],
      [0, 0],
      2
    ];
    var EdgeOutputConfig$ = [
      3,
      n0,
      _EOC,
      0,
      [_SOL, _KKI, _PDT, _PDC],
      [0, 0, 0, 0],
      1
    ];
    var EdgePackagingJobSummary$ = [
      3,
      n0,
      _EPJSd,
      0,
      [_EPJA, _EPJN, _EPJS, _CJN, _MNod, _MVo, _CT, _LMT],
      [0, 0, 0, 0, 0, 0, 4, 4],
      3
    ];
    var EdgePresetDeploymentOutput$ = [
      3,
      n0,
      _EPDO,
      0,
      [_T, _Art, _St, _SM],
      [0, 0, 0, 0],
      1
    ];
    var EFSFileSystem$ = [
      3,
      n0,
      _EFSFS,
      0,
      [_FSI],
      [0],
      1
    ];
    var EFSFileSystemConfig$ = [
      3,
      n0,
      _EFSFSC,
      0,
      [_FSI, _FSP],
      [0, 0],
      1
    ];
    var EmrServerlessComputeConfig$ = [
      3,
      n0,
      _ESCC,
      0,
      [_ERARN],
      [0],
      1
    ];
    var EmrServerlessSettings$ = [
      3,
      n0,
      _ESS,
      0,
      [_ERA, _St],
      [0, 0]
    ];
    var EmrSettings$ = [
      3,
      n0,
      _ESm,
      0,
      [_ARA, _ERAx],
      [64 | 0, 64 | 0]
    ];
    var EMRStepMetadata$ = [
      3,
      n0,
      _EMRSM,
      0,
      [_CIlu, _SIt, _SNte, _LFP],
      [0, 0, 0, 0]
    ];
    var EnableSagemakerServicecatalogPortfolioInput$ = [
      3,
      n0,
      _ESSPI,
      0,
      [],
      []
    ];
    var EnableSagemakerServicecatalogPortfolioOutput$ = [
      3,
      n0,
      _ESSPO,
      0,
      [],
      []
    ];
    var Endpoint$ = [
      3,
      n0,
      _En,
      0,
      [_EN, _EA, _ECN, _ES, _CT, _LMT, _PV, _DCC, _FR, _MSon, _Ta, _SPV],
      [0, 0, 0, 0, 4, 4, () => ProductionVariantSummaryList, () => DataCaptureConfigSummary$, 0, () => MonitoringScheduleList, () => TagList, () => ProductionVariantSummaryList],
      6
    ];
    var EndpointConfigStepMetadata$ = [
      3,
      n0,
      _ECSM,
      0,
      [_Ar],
      [0]
    ];
    var EndpointConfigSummary$ = [
      3,
      n0,
      _ECS,
      0,
      [_ECN, _ECA, _CT],
      [0, 0, 4],
      3
    ];
    var EndpointInfo$ = [
      3,
      n0,
      _EInd,
      0,
      [_EN],
      [0]
    ];
    var EndpointInput$ = [
      3,
      n0,
      _EIn,
      0,
      [_EN, _LP, _SIM, _SDDT, _FA, _IA, _PA, _PTA, _STO, _ETO, _EFA],
      [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      2
    ];
    var EndpointInputConfiguration$ = [
      3,
      n0,
      _EIC,
      0,
      [_ITn, _SCe, _ISN, _EPR],
      [0, () => ProductionVariantServerlessConfig$, 0, () => EnvironmentParameterRanges$]
    ];
    var EndpointMetadata$ = [
      3,
      n0,
      _EM,
      0,
      [_EN, _ECN, _ES, _FR],
      [0, 0, 0, 0],
      1
    ];
    var EndpointOutputConfiguration$ = [
      3,
      n0,
      _EOCn,
      0,
      [_EN, _VN, _ITn, _IIC, _SCe],
      [0, 0, 0, 1, () => ProductionVariantServerlessConfig$],
      2
    ];
    var EndpointPerformance$ = [
      3,
      n0,
      _EPnd,
      0,
      [_Met, _EInd],
      [() => InferenceMetrics$, () => EndpointInfo$],
      2
    ];
    var EndpointStepMetadata$ = [
      3,
      n0,
      _ESM,
      0,
      [_Ar],
      [0]
    ];
    var EndpointSummary$ = [
      3,
      n0,
      _ESn,
      0,
      [_EN, _EA, _CT, _LMT, _ES],
      [0, 0, 4, 4, 0],
      5
    ];
    var EnvironmentConfig$ = [
      3,
      n0,
      _ECn,
      0,
      [_FSLC],
      [() => FSxLustreConfig$]
    ];
    var EnvironmentConfigDetails$ = [
      3,
      n0,
      _ECD,
      0,
      [_FSLC, _SOP],
      [() => FSxLustreConfig$, 0]
    ];
    var EnvironmentParameter$ = [
      3,
      n0,
      _EPnv,
      0,
      [_K, _VT, _Va],
      [0, 0, 0],
      3
    ];
    var EnvironmentParameterRanges$ = [
      3,
      n0,
      _EPR,
      0,
      [_CPRa],
      [() => CategoricalParameters]
    ];
    var ErrorInfo$ = [
      3,
      n0,
      _EIr,
      0,
      [_Cod, _Rea],
      [0, 0]
    ];
    var EventDetails$ = [
      3,
      n0,
      _ED,
      0,
      [_EMv],
      [() => EventMetadata$]
    ];
    var Experiment$ = [
      3,
      n0,
      _Exp,
      0,
      [_ENx, _EAx, _DNi, _S, _D, _CT, _CB, _LMT, _LMB, _Ta],
      [0, 0, 0, () => ExperimentSource$, 0, 4, () => UserContext$, 4, () => UserContext$, () => TagList]
    ];
    var ExperimentConfig$ = [
      3,
      n0,
      _ECxp,
      0,
      [_ENx, _TN, _TCDN, _RNu],
      [0, 0, 0, 0]
    ];
    var ExperimentSource$ = [
      3,
      n0,
      _ESx,
      0,
      [_SA, _ST],
      [0, 0],
      1
    ];
    var ExperimentSummary$ = [
      3,
      n0,
      _ESxp,
      0,
      [_EAx, _ENx, _DNi, _ESx, _CT, _LMT],
      [0, 0, 0, () => ExperimentSource$, 4, 4]
    ];
    var Explainability$ = [
      3,
      n0,
      _Ex,
      0,
      [_R],
      [() => MetricsSource$]
    ];
    var ExplainerConfig$ = [
      3,
      n0,
      _ECx,
      0,
      [_CEC],
      [() => ClarifyExplainerConfig$]
    ];
    var ExtendTrainingPlanRequest$ = [
      3,
      n0,
      _ETPR,
      0,
      [_TPEOI],
      [0],
      1
    ];
    var ExtendTrainingPlanResponse$ = [
      3,
      n0,
      _ETPRx,
      0,
      [_TPE],
      [() => TrainingPlanExtensions],
      1
    ];
    var FailStepMetadata$ = [
      3,
      n0,
      _FSM,
      0,
      [_EMr],
      [0]
    ];
    var FeatureDefinition$ = [
      3,
      n0,
      _FDe,
      0,
      [_FN, _FTe, _CTol, _CColle],
      [0, 0, 0, () => CollectionConfig$],
      2
    ];
    var FeatureGroup$ = [
      3,
      n0,
      _FG,
      0,
      [_FGA, _FGN, _RIFN, _ETFN, _FD, _CT, _LMT, _OSC, _OSCf, _RAo, _FGS, _OSS, _LUS, _FR, _D, _Ta],
      [0, 0, 0, 0, () => FeatureDefinitions, 4, 4, () => OnlineStoreConfig$, () => OfflineStoreConfig$, 0, 0, () => OfflineStoreStatus$, () => LastUpdateStatus$, 0, 0, () => TagList]
    ];
    var FeatureGroupSummary$ = [
      3,
      n0,
      _FGSe,
      0,
      [_FGN, _FGA, _CT, _FGS, _OSS],
      [0, 0, 4, 0, () => OfflineStoreStatus$],
      3
    ];
    var FeatureMetadata$ = [
      3,
      n0,
      _FMe,
      0,
      [_FGA, _FGN, _FN, _FTe, _CT, _LMT, _D, _P],
      [0, 0, 0, 0, 4, 4, 0, () => FeatureParameters]
    ];
    var FeatureParameter$ = [
      3,
      n0,
      _FP,
      0,
      [_K, _Va],
      [0, 0]
    ];
    var FileSource$ = [
      3,
      n0,
      _FS,
      0,
      [_SUr, _CTon, _CDon],
      [0, 0, 0],
      1
    ];
    var FileSystemConfig$ = [
      3,
      n0,
      _FSC,
      0,
      [_MP, _DU, _DG],
      [0, 1, 1]
    ];
    var FileSystemDataSource$ = [
      3,
      n0,
      _FSDS,
      0,
      [_FSI, _FSAM, _FST, _DPi],
      [0, 0, 0, 0],
      4
    ];
    var Filter$ = [
      3,
      n0,
      _Fi,
      0,
      [_N, _Op, _Va],
      [0, 0, 0],
      1
    ];
    var FinalAutoMLJobObjectiveMetric$ = [
      3,
      n0,
      _FAMLJOM,
      0,
      [_MN, _Va, _T, _SMN],
      [0, 1, 0, 0],
      2
    ];
    var FinalHyperParameterTuningJobObjectiveMetric$ = [
      3,
      n0,
      _FHPTJOM,
      0,
      [_MN, _Va, _T],
      [0, 1, 0],
      2
    ];
    var FlowDefinitionOutputConfig$ = [
      3,
      n0,
      _FDOC,
      0,
      [_SOP, _KKI],
      [0, 0],
      1
    ];
    var FlowDefinitionSummary$ = [
      3,
      n0,
      _FDSl,
      0,
      [_FDN, _FDA, _FDS, _CT, _FR],
      [0, 0, 0, 4, 0],
      4
    ];
    var FSxLustreConfig$ = [
      3,
      n0,
      _FSLC,
      0,
      [_SIGB, _PUST],
      [1, 1],
      2
    ];
    var FSxLustreFileSystem$ = [
      3,
      n0,
      _FSLFS,
      0,
      [_FSI],
      [0],
      1
    ];
    var FSxLustreFileSystemConfig$ = [
      3,
      n0,
      _FSLFSC,
      0,
      [_FSI, _FSP],
      [0, 0],
      1
    ];
    var GenerativeAiSettings$ = [
      3,
      n0,
      _GAS,
      0,
      [_ABRA],
      [0]
    ];
    var GetDeviceFleetReportRequest$ = [
      3,
      n0,
      _GDFRR,
      0,
      [_DFN],
      [0],
      1
    ];
    var GetDeviceFleetReportResponse$ = [
      3,
      n0,
      _GDFRRe,
      0,
      [_DFA, _DFN, _OCu, _D, _RG, _DSev, _AVg, _MSod],
      [0, 0, () => EdgeOutputConfig$, 0, 4, () => DeviceStats$, () => AgentVersions, () => EdgeModelStats],
      2
    ];
    var GetLineageGroupPolicyRequest$ = [
      3,
      n0,
      _GLGPR,
      0,
      [_LGN],
      [0],
      1
    ];
    var GetLineageGroupPolicyResponse$ = [
      3,
      n0,
      _GLGPRe,
      0,
      [_LGAi, _RPes],
      [0, 0]
    ];
    var GetModelPackageGroupPolicyInput$ = [
      3,
      n0,
      _GMPGPI,
      0,
      [_MPGN],
      [0],
      1
    ];
    var GetModelPackageGroupPolicyOutput$ = [
      3,
      n0,
      _GMPGPO,
      0,
      [_RPes],
      [0],
      1
    ];
    var GetSagemakerServicecatalogPortfolioStatusInput$ = [
      3,
      n0,
      _GSSPSI,
      0,
      [],
      []
    ];
    var GetSagemakerServicecatalogPortfolioStatusOutput$ = [
      3,
      n0,
      _GSSPSO,
      0,
      [_St],
      [0]
    ];
    var GetScalingConfigurationRecommendationRequest$ = [
      3,
      n0,
      _GSCRR,
      0,
      [_IRJN, _RIe, _EN, _TCUPC, _SPO],
      [0, 0, 0, 1, () => ScalingPolicyObjective$],
      1
    ];
    var GetScalingConfigurationRecommendationResponse$ = [
      3,
      n0,
      _GSCRRe,
      0,
      [_IRJN, _RIe, _EN, _TCUPC, _SPO, _Me, _DSCy],
      [0, 0, 0, 1, () => ScalingPolicyObjective$, () => ScalingPolicyMetric$, () => DynamicScalingConfiguration$]
    ];
    var GetSearchSuggestionsRequest$ = [
      3,
      n0,
      _GSSR,
      0,
      [_Res, _SQ],
      [0, () => SuggestionQuery$],
      1
    ];
    var GetSearchSuggestionsResponse$ = [
      3,
      n0,
      _GSSRe,
      0,
      [_PNS],
      [() => PropertyNameSuggestionList]
    ];
    var GitConfig$ = [
      3,
      n0,
      _GC,
      0,
      [_RU, _Br, _SAe],
      [0, 0, 0],
      1
    ];
    var GitConfigForUpdate$ = [
      3,
      n0,
      _GCFU,
      0,
      [_SAe],
      [0]
    ];
    var HiddenSageMakerImage$ = [
      3,
      n0,
      _HSMI,
      0,
      [_SMIN, _VA],
      [0, 64 | 0]
    ];
    var HolidayConfigAttributes$ = [
      3,
      n0,
      _HCAo,
      0,
      [_CCou],
      [0]
    ];
    var HubAccessConfig$ = [
      3,
      n0,
      _HAC,
      0,
      [_HCA],
      [0],
      1
    ];
    var HubContent$ = [
      3,
      n0,
      _HC,
      0,
      [_HCN, _HCA, _HCV, _HCT, _DSV, _HN, _HA, _HCS, _CT, _HCDN, _HCDu, _HCM, _HCD, _SMPHCA, _RMV, _SSu, _HCSK, _HCDub, _FR, _LMT, _Ta],
      [0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 64 | 0, () => HubContentDependencyList, 0, 4, () => TagList],
      9
    ];
    var HubContentDependency$ = [
      3,
      n0,
      _HCDubo,
      0,
      [_DOP, _DCP],
      [0, 0]
    ];
    var HubContentInfo$ = [
      3,
      n0,
      _HCI,
      0,
      [_HCN, _HCA, _HCV, _HCT, _DSV, _HCS, _CT, _SMPHCA, _HCDN, _HCDu, _SSu, _HCSK, _OCT],
      [0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 64 | 0, 4],
      7
    ];
    var HubInfo$ = [
      3,
      n0,
      _HI,
      0,
      [_HN, _HA, _HS, _CT, _LMT, _HDN, _HD, _HSK],
      [0, 0, 0, 4, 4, 0, 0, 64 | 0],
      5
    ];
    var HubS3StorageConfig$ = [
      3,
      n0,
      _HSSC,
      0,
      [_SOP],
      [0]
    ];
    var HumanLoopActivationConditionsConfig$ = [
      3,
      n0,
      _HLACC,
      0,
      [_HLAC],
      [[() => HumanLoopActivationConditions, 0]],
      1
    ];
    var HumanLoopActivationConfig$ = [
      3,
      n0,
      _HLACu,
      0,
      [_HLACC],
      [[() => HumanLoopActivationConditionsConfig$, 0]],
      1
    ];
    var HumanLoopConfig$ = [
      3,
      n0,
      _HLC,
      0,
      [_WAo, _HTUA, _TT, _TD, _TCas, _TALIS, _TTLIS, _TKa, _PWTP],
      [0, 0, 0, 0, 1, 1, 1, 64 | 0, () => PublicWorkforceTaskPrice$],
      5
    ];
    var HumanLoopRequestSource$ = [
      3,
      n0,
      _HLRS,
      0,
      [_AMHLRS],
      [0],
      1
    ];
    var HumanTaskConfig$ = [
      3,
      n0,
      _HTC,
      0,
      [_WAo, _UC, _TT, _TD, _NOHWPDO, _TTLIS, _PHTLA, _TKa, _TALIS, _MCTC, _ACC, _PWTP],
      [0, () => UiConfig$, 0, 0, 1, 1, 0, 64 | 0, 1, 1, () => AnnotationConsolidationConfig$, () => PublicWorkforceTaskPrice$],
      6
    ];
    var HumanTaskUiSummary$ = [
      3,
      n0,
      _HTUSu,
      0,
      [_HTUN, _HTUA, _CT],
      [0, 0, 4],
      3
    ];
    var HyperbandStrategyConfig$ = [
      3,
      n0,
      _HSC,
      0,
      [_MRi, _MRa],
      [1, 1]
    ];
    var HyperParameterAlgorithmSpecification$ = [
      3,
      n0,
      _HPAS,
      0,
      [_TIM, _TI, _ANlg, _MDe],
      [0, 0, 0, () => MetricDefinitionList],
      1
    ];
    var HyperParameterSpecification$ = [
      3,
      n0,
      _HPS,
      0,
      [_N, _T, _D, _Ra, _ITs, _IR, _DV],
      [0, 0, 0, () => ParameterRange$, 2, 2, 0],
      2
    ];
    var HyperParameterTrainingJobDefinition$ = [
      3,
      n0,
      _HPTJD,
      0,
      [_ASl, _RAo, _ODC, _SCt, _DNef, _TOu, _HPR, _SHP, _IDC, _VC, _RCe, _HPTRC, _ENI, _EICTE, _EMST, _CCh, _RSe, _E],
      [() => HyperParameterAlgorithmSpecification$, 0, () => OutputDataConfig$, () => StoppingCondition$, 0, () => HyperParameterTuningJobObjective$, () => ParameterRanges$, 128 | 0, () => InputDataConfig, () => VpcConfig$, () => ResourceConfig$, () => HyperParameterTuningResourceConfig$, 2, 2, 2, () => CheckpointConfig$, () => RetryStrategy$, 128 | 0],
      4
    ];
    var HyperParameterTrainingJobSummary$ = [
      3,
      n0,
      _HPTJSy,
      0,
      [_TJN, _TJA, _CT, _TJS, _THP, _TJDN, _TJNu, _TST, _TET, _FR, _FHPTJOM, _OS],
      [0, 0, 4, 0, 128 | 0, 0, 0, 4, 4, 0, () => FinalHyperParameterTuningJobObjectiveMetric$, 0],
      5
    ];
    var HyperParameterTuningInstanceConfig$ = [
      3,
      n0,
      _HPTIC,
      0,
      [_ITn, _ICn, _VSIGB],
      [0, 1, 1],
      3
    ];
    var HyperParameterTuningJobCompletionDetails$ = [
      3,
      n0,
      _HPTJCD,
      0,
      [_NOTJONI, _CDT],
      [1, 4]
    ];
    var HyperParameterTuningJobConfig$ = [
      3,
      n0,
      _HPTJC,
      0,
      [_Str, _RL, _SCtr, _HPTJO, _PRa, _TJEST, _TJCC, _RSa],
      [0, () => ResourceLimits$, () => HyperParameterTuningJobStrategyConfig$, () => HyperParameterTuningJobObjective$, () => ParameterRanges$, 0, () => TuningJobCompletionCriteria$, 1],
      2
    ];
    var HyperParameterTuningJobConsumedResources$ = [
      3,
      n0,
      _HPTJCR,
      0,
      [_RIS],
      [1]
    ];
    var HyperParameterTuningJobObjective$ = [
      3,
      n0,
      _HPTJO,
      0,
      [_T, _MN],
      [0, 0],
      2
    ];
    var HyperParameterTuningJobSearchEntity$ = [
      3,
      n0,
      _HPTJSE,
      0,
      [_HPTJN, _HPTJA, _HPTJC, _TJD, _TJDra, _HPTJS, _CT, _HPTET, _LMT, _TJSC, _OSCb, _BTJ, _OBTJ, _WSC, _FR, _TJCD, _CRons, _Ta],
      [0, 0, () => HyperParameterTuningJobConfig$, () => HyperParameterTrainingJobDefinition$, () => HyperParameterTrainingJobDefinitions, 0, 4, 4, 4, () => TrainingJobStatusCounters$, () => ObjectiveStatusCounters$, () => HyperParameterTrainingJobSummary$, () => HyperParameterTrainingJobSummary$, () => HyperParameterTuningJobWarmStartConfig$, 0, () => HyperParameterTuningJobCompletionDetails$, () => HyperParameterTuningJobConsumedResources$, () => TagList]
    ];
    var HyperParameterTuningJobStrategyConfig$ = [
      3,
      n0,
      _HPTJSC,
      0,
      [_HSC],
      [() => HyperbandStrategyConfig$]
    ];
    var HyperParameterTuningJobSummary$ = [
      3,
      n0,
      _HPTJSyp,
      0,
      [_HPTJN, _HPTJA, _HPTJS, _Str, _CT, _TJSC, _OSCb, _HPTET, _LMT, _RL],
      [0, 0, 0, 0, 4, () => TrainingJobStatusCounters$, () => ObjectiveStatusCounters$, 4, 4, () => ResourceLimits$],
      7
    ];
    var HyperParameterTuningJobWarmStartConfig$ = [
      3,
      n0,
      _HPTJWSC,
      0,
      [_PHPTJ, _WST],
      [() => ParentHyperParameterTuningJobs, 0],
      2
    ];
    var HyperParameterTuningResourceConfig$ = [
      3,
      n0,
      _HPTRC,
      0,
      [_ITn, _ICn, _VSIGB, _VKKI, _ASll, _ICns],
      [0, 1, 1, 0, 0, () => HyperParameterTuningInstanceConfigs]
    ];
    var IamIdentity$ = [
      3,
      n0,
      _IIa,
      0,
      [_Ar, _PIri, _SIo],
      [0, 0, 0]
    ];
    var IamPolicyConstraints$ = [
      3,
      n0,
      _IPC,
      0,
      [_SIou, _VSI],
      [0, 0]
    ];
    var IdcConfigInput$ = [
      3,
      n0,
      _ICI,
      0,
      [_IAns],
      [0],
      1
    ];
    var IdcConfigOutput$ = [
      3,
      n0,
      _ICO,
      0,
      [_IAns, _AApp],
      [0, 0],
      1
    ];
    var IdentityProviderOAuthSetting$ = [
      3,
      n0,
      _IPOASd,
      0,
      [_DSNa, _St, _SAe],
      [0, 0, 0]
    ];
    var IdleSettings$ = [
      3,
      n0,
      _IS,
      0,
      [_LM, _ITIM, _MITIM, _MITIMa],
      [0, 1, 1, 1]
    ];
    var Image$ = [
      3,
      n0,
      _Im,
      0,
      [_CT, _IAm, _IN, _ISm, _LMT, _D, _DNi, _FR],
      [4, 0, 0, 0, 4, 0, 0, 0],
      5
    ];
    var ImageClassificationJobConfig$ = [
      3,
      n0,
      _ICJC,
      0,
      [_CCo],
      [() => AutoMLJobCompletionCriteria$]
    ];
    var ImageConfig$ = [
      3,
      n0,
      _ICm,
      0,
      [_RAM, _RAC],
      [0, () => RepositoryAuthConfig$],
      1
    ];
    var ImageVersion$ = [
      3,
      n0,
      _IV,
      0,
      [_CT, _IAm, _IVA, _IVS, _LMT, _V, _FR],
      [4, 0, 0, 0, 4, 1, 0],
      6
    ];
    var ImportHubContentRequest$ = [
      3,
      n0,
      _IHCR,
      0,
      [_HCN, _HCT, _DSV, _HN, _HCD, _HCV, _HCDN, _HCDu, _HCM, _SSu, _HCSK, _Ta],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64 | 0, () => TagList],
      5
    ];
    var ImportHubContentResponse$ = [
      3,
      n0,
      _IHCRm,
      0,
      [_HA, _HCA],
      [0, 0],
      2
    ];
    var InferenceComponentAvailabilityZoneBalance$ = [
      3,
      n0,
      _ICAZB,
      0,
      [_EMn, _MIa],
      [0, 1],
      1
    ];
    var InferenceComponentCapacitySize$ = [
      3,
      n0,
      _ICCS,
      0,
      [_T, _Va],
      [0, 1],
      2
    ];
    var InferenceComponentComputeResourceRequirements$ = [
      3,
      n0,
      _ICCRR,
      0,
      [_MMRIM, _NOCCR, _NOADR, _MMRIMa],
      [1, 1, 1, 1],
      1
    ];
    var InferenceComponentContainerSpecification$ = [
      3,
      n0,
      _ICCSn,
      0,
      [_Im, _AUr, _E, _CMC],
      [0, 0, 128 | 0, () => ContainerMetricsConfig$]
    ];
    var InferenceComponentContainerSpecificationSummary$ = [
      3,
      n0,
      _ICCSS,
      0,
      [_DIe, _AUr, _E, _CMC],
      [() => DeployedImage$, 0, 128 | 0, () => ContainerMetricsConfig$]
    ];
    var InferenceComponentDataCacheConfig$ = [
      3,
      n0,
      _ICDCC,
      0,
      [_ECnab],
      [2],
      1
    ];
    var InferenceComponentDataCacheConfigSummary$ = [
      3,
      n0,
      _ICDCCS,
      0,
      [_ECnab],
      [2],
      1
    ];
    var InferenceComponentDeploymentConfig$ = [
      3,
      n0,
      _ICDC,
      0,
      [_RUP, _ARCu],
      [() => InferenceComponentRollingUpdatePolicy$, () => AutoRollbackConfig$],
      1
    ];
    var InferenceComponentMetadata$ = [
      3,
      n0,
      _ICM,
      0,
      [_Ar],
      [0]
    ];
    var InferenceComponentPlacementStatus$ = [
      3,
      n0,
      _ICPS,
      0,
      [_ITn, _CCC],
      [0, 1],
      2
    ];
    var InferenceComponentRollingUpdatePolicy$ = [
      3,
      n0,
      _ICRUP,
      0,
      [_MBS, _WIIS, _METIS, _RMBS],
      [() => InferenceComponentCapacitySize$, 1, 1, () => InferenceComponentCapacitySize$],
      2
    ];
    var InferenceComponentRuntimeConfig$ = [
      3,
      n0,
      _ICRC,
      0,
      [_CCop],
      [1],
      1
    ];
    var InferenceComponentRuntimeConfigSummary$ = [
      3,
      n0,
      _ICRCS,
      0,
      [_DCCe, _CCC, _PSl],
      [1, 1, () => InferenceComponentPlacementStatusList]
    ];
    var InferenceComponentSchedulingConfig$ = [
      3,
      n0,
      _ICSC,
      0,
      [_PSla, _AZB],
      [0, () => InferenceComponentAvailabilityZoneBalance$],
      1
    ];
    var InferenceComponentSpecification$ = [
      3,
      n0,
      _ICSn,
      0,
      [_ITn, _MNod, _Conta, _SPt, _CRR, _BICN, _DCCat, _SCch],
      [0, 0, () => InferenceComponentContainerSpecification$, () => InferenceComponentStartupParameters$, () => InferenceComponentComputeResourceRequirements$, 0, () => InferenceComponentDataCacheConfig$, () => InferenceComponentSchedulingConfig$]
    ];
    var InferenceComponentSpecificationSummary$ = [
      3,
      n0,
      _ICSS,
      0,
      [_ITn, _MNod, _Conta, _SPt, _CRR, _BICN, _DCCat, _SCch],
      [0, 0, () => InferenceComponentContainerSpecificationSummary$, () => InferenceComponentStartupParameters$, () => InferenceComponentComputeResourceRequirements$, 0, () => InferenceComponentDataCacheConfigSummary$, () => InferenceComponentSchedulingConfig$]
    ];
    var InferenceComponentStartupParameters$ = [
      3,
      n0,
      _ICSP,
      0,
      [_MDDTIS, _CSHCTIS],
      [1, 1]
    ];
    var InferenceComponentSummary$ = [
      3,
      n0,
      _ICSnf,
      0,
      [_CT, _ICA, _ICN, _EA, _EN, _VN, _LMT, _ICS],
      [4, 0, 0, 0, 0, 0, 4, 0],
      7
    ];
    var InferenceExecutionConfig$ = [
      3,
      n0,
      _IEC,
      0,
      [_Mo],
      [0],
      1
    ];
    var InferenceExperimentDataStorageConfig$ = [
      3,
      n0,
      _IEDSC,
      0,
      [_Des, _KK, _CTon],
      [0, 0, () => CaptureContentTypeHeader$],
      1
    ];
    var InferenceExperimentSchedule$ = [
      3,
      n0,
      _IES,
      0,
      [_STt, _ETn],
      [4, 4]
    ];
    var InferenceExperimentSummary$ = [
      3,
      n0,
      _IESn,
      0,
      [_N, _T, _St, _CT, _LMT, _Sc, _SRt, _D, _CTom, _RAo],
      [0, 0, 0, 4, 4, () => InferenceExperimentSchedule$, 0, 0, 4, 0],
      5
    ];
    var InferenceHubAccessConfig$ = [
      3,
      n0,
      _IHAC,
      0,
      [_HCA],
      [0],
      1
    ];
    var InferenceMetrics$ = [
      3,
      n0,
      _IMn,
      0,
      [_MIax, _ML],
      [1, 1],
      2
    ];
    var InferenceRecommendation$ = [
      3,
      n0,
      _IRnfe,
      0,
      [_ECnd, _MCode, _RIe, _Met, _IET, _IST],
      [() => EndpointOutputConfiguration$, () => ModelConfiguration$, 0, () => RecommendationMetrics$, 4, 4],
      2
    ];
    var InferenceRecommendationsJob$ = [
      3,
      n0,
      _IRJ,
      0,
      [_JN, _JD, _JT, _JA, _St, _CT, _RAo, _LMT, _CTom, _FR, _MNod, _SPU, _MPVA],
      [0, 0, 0, 0, 0, 4, 0, 4, 4, 0, 0, 0, 0],
      8
    ];
    var InferenceRecommendationsJobStep$ = [
      3,
      n0,
      _IRJS,
      0,
      [_STte, _JN, _St, _IB],
      [0, 0, 0, () => RecommendationJobInferenceBenchmark$],
      3
    ];
    var InferenceSpecification$ = [
      3,
      n0,
      _ISn,
      0,
      [_Co, _STIT, _SRIIT, _SCT, _SRMIMET],
      [() => ModelPackageContainerDefinitionList, 64 | 0, 64 | 0, 64 | 0, 64 | 0],
      1
    ];
    var InfraCheckConfig$ = [
      3,
      n0,
      _ICC,
      0,
      [_EICn],
      [2]
    ];
    var InputConfig$ = [
      3,
      n0,
      _ICnp,
      0,
      [_SUr, _F, _DICa, _FV],
      [0, 0, 0, 0],
      2
    ];
    var InstanceGroup$ = [
      3,
      n0,
      _IGn,
      0,
      [_ITn, _ICn, _IGN],
      [0, 1, 0],
      3
    ];
    var InstanceGroupHealthCheckConfiguration$ = [
      3,
      n0,
      _IGHCC,
      0,
      [_IGN, _DHCe, _IIns],
      [0, 64 | 0, 64 | 0],
      2
    ];
    var InstanceGroupMetadata$ = [
      3,
      n0,
      _IGM,
      0,
      [_FM, _AZI, _CR, _SIub, _SGI, _AOm],
      [0, 0, () => CapacityReservation$, 0, 64 | 0, 0]
    ];
    var InstanceGroupScalingMetadata$ = [
      3,
      n0,
      _IGSM,
      0,
      [_ICn, _TCa, _MCi, _FM],
      [1, 1, 1, 0]
    ];
    var InstanceMetadata$ = [
      3,
      n0,
      _IMns,
      0,
      [_CEu, _AE, _IREC, _CR, _FM, _LES, _NLI],
      [0, () => AdditionalEnis$, () => InstanceRequirementsEniConfigurations, () => CapacityReservation$, 0, 0, 0]
    ];
    var InstanceMetadataServiceConfiguration$ = [
      3,
      n0,
      _IMSC,
      0,
      [_MIMSV],
      [0],
      1
    ];
    var InstancePlacementConfig$ = [
      3,
      n0,
      _IPCn,
      0,
      [_EMJ, _PSlac],
      [2, () => PlacementSpecifications]
    ];
    var InstancePool$ = [
      3,
      n0,
      _IP,
      0,
      [_ITn, _Pri, _MNO],
      [0, 1, 0],
      2
    ];
    var InstancePoolSummary$ = [
      3,
      n0,
      _IPS,
      0,
      [_ITn, _CICu],
      [0, 1],
      2
    ];
    var InstancePreference$ = [
      3,
      n0,
      _IPn,
      0,
      [_ITn, _ICn, _TPAr],
      [0, 1, 64 | 0],
      1
    ];
    var InstanceRequirementsEniConfiguration$ = [
      3,
      n0,
      _IRECn,
      0,
      [_CEu, _AE],
      [0, () => AdditionalEnis$]
    ];
    var IntegerParameterRange$ = [
      3,
      n0,
      _IPR,
      0,
      [_N, _MV, _MVa, _STc],
      [0, 0, 0, 0],
      3
    ];
    var IntegerParameterRangeSpecification$ = [
      3,
      n0,
      _IPRS,
      0,
      [_MV, _MVa],
      [0, 0],
      2
    ];
    var Job$ = [
      3,
      n0,
      _J,
      0,
      [_JN, _JA, _RAo, _JC, _JCSV, _JCD, _CT, _LMT, _ETn, _JSo, _SSe, _SST, _FR, _Ta],
      [0, 0, 0, 0, 0, 0, 4, 4, 4, 0, 0, () => JobSecondaryStatusTransitions, 0, () => TagList]
    ];
    var JobConfigSchemaVersionSummary$ = [
      3,
      n0,
      _JCSVS,
      0,
      [_JCSV],
      [0],
      1
    ];
    var JobSecondaryStatusTransition$ = [
      3,
      n0,
      _JSST,
      0,
      [_St, _STt, _ETn, _SM],
      [0, 4, 4, 0],
      2
    ];
    var JobStepMetadata$ = [
      3,
      n0,
      _JSM,
      0,
      [_Ar],
      [0]
    ];
    var JobSummary$ = [
      3,
      n0,
      _JSob,
      0,
      [_JA, _JN, _JC, _JSo, _JSS, _CT, _LMT, _ETn],
      [0, 0, 0, 0, 0, 4, 4, 4],
      7
    ];
    var JupyterLabAppImageConfig$ = [
      3,
      n0,
      _JLAIC,
      0,
      [_FSC, _CCon],
      [() => FileSystemConfig$, () => ContainerConfig$]
    ];
    var JupyterLabAppSettings$ = [
      3,
      n0,
      _JLAS,
      0,
      [_DRS, _CI, _LCA, _CRod, _ALM, _ESm, _BILCA],
      [() => ResourceSpec$, () => CustomImages, 64 | 0, () => CodeRepositories, () => AppLifecycleManagement$, () => EmrSettings$, 0]
    ];
    var JupyterServerAppSettings$ = [
      3,
      n0,
      _JSAS,
      0,
      [_DRS, _LCA, _CRod],
      [() => ResourceSpec$, 64 | 0, () => CodeRepositories]
    ];
    var KendraSettings$ = [
      3,
      n0,
      _KS,
      0,
      [_St],
      [0]
    ];
    var KernelGatewayAppSettings$ = [
      3,
      n0,
      _KGAS,
      0,
      [_DRS, _CI, _LCA],
      [() => ResourceSpec$, () => CustomImages, 64 | 0]
    ];
    var KernelGatewayImageConfig$ = [
      3,
      n0,
      _KGIC,
      0,
      [_KSe, _FSC],
      [() => KernelSpecs, () => FileSystemConfig$],
      1
    ];
    var KernelSpec$ = [
      3,
      n0,
      _KSer,
      0,
      [_N, _DNi],
      [0, 0],
      1
    ];
    var LabelCounters$ = [
      3,
      n0,
      _LC,
      0,
      [_TL, _HL, _MLa, _FNRE, _Unl],
      [1, 1, 1, 1, 1]
    ];
    var LabelCountersForWorkteam$ = [
      3,
      n0,
      _LCFW,
      0,
      [_HL, _PH, _To],
      [1, 1, 1]
    ];
    var LabelingJobAlgorithmsConfig$ = [
      3,
      n0,
      _LJAC,
      0,
      [_LJASA, _IALMA, _LJRC],
      [0, 0, () => LabelingJobResourceConfig$],
      1
    ];
    var LabelingJobDataAttributes$ = [
      3,
      n0,
      _LJDA,
      0,
      [_CCont],
      [64 | 0]
    ];
    var LabelingJobDataSource$ = [
      3,
      n0,
      _LJDS,
      0,
      [_SDS, _SDSn],
      [() => LabelingJobS3DataSource$, () => LabelingJobSnsDataSource$]
    ];
    var LabelingJobForWorkteamSummary$ = [
      3,
      n0,
      _LJFWS,
      0,
      [_JRC, _WRAI, _CT, _LJN, _LC, _NOHWPDO],
      [0, 0, 4, 0, () => LabelCountersForWorkteam$, 1],
      3
    ];
    var LabelingJobInputConfig$ = [
      3,
      n0,
      _LJIC,
      0,
      [_DS, _DAat],
      [() => LabelingJobDataSource$, () => LabelingJobDataAttributes$],
      1
    ];
    var LabelingJobOutput$ = [
      3,
      n0,
      _LJO,
      0,
      [_ODSU, _FALMA],
      [0, 0],
      1
    ];
    var LabelingJobOutputConfig$ = [
      3,
      n0,
      _LJOC,
      0,
      [_SOP, _KKI, _STA],
      [0, 0, 0],
      1
    ];
    var LabelingJobResourceConfig$ = [
      3,
      n0,
      _LJRC,
      0,
      [_VKKI, _VC],
      [0, () => VpcConfig$]
    ];
    var LabelingJobS3DataSource$ = [
      3,
      n0,
      _LJSDS,
      0,
      [_MSU],
      [0],
      1
    ];
    var LabelingJobSnsDataSource$ = [
      3,
      n0,
      _LJSDSa,
      0,
      [_STA],
      [0],
      1
    ];
    var LabelingJobStoppingConditions$ = [
      3,
      n0,
      _LJSC,
      0,
      [_MHLOC, _MPOIDL],
      [1, 1]
    ];
    var LabelingJobSummary$ = [
      3,
      n0,
      _LJSa,
      0,
      [_LJN, _LJA, _CT, _LMT, _LJS, _LC, _WAo, _PHTLA, _ACLA, _FR, _LJO, _ICnp],
      [0, 0, 4, 4, 0, () => LabelCounters$, 0, 0, 0, 0, () => LabelingJobOutput$, () => LabelingJobInputConfig$],
      7
    ];
    var LambdaStepMetadata$ = [
      3,
      n0,
      _LSM,
      0,
      [_Ar, _OP],
      [0, () => OutputParameterList]
    ];
    var LastUpdateStatus$ = [
      3,
      n0,
      _LUS,
      0,
      [_St, _FR],
      [0, 0],
      1
    ];
    var LineageGroupSummary$ = [
      3,
      n0,
      _LGS,
      0,
      [_LGAi, _LGN, _DNi, _CT, _LMT],
      [0, 0, 0, 4, 4]
    ];
    var LineageMetadata$ = [
      3,
      n0,
      _LMi,
      0,
      [_AAc, _AArt, _CAon, _As],
      [128 | 0, 128 | 0, 128 | 0, () => AssociationInfoList]
    ];
    var ListActionsRequest$ = [
      3,
      n0,
      _LAR,
      0,
      [_SU, _AT, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 0, 4, 4, 0, 0, 0, 1]
    ];
    var ListActionsResponse$ = [
      3,
      n0,
      _LARi,
      0,
      [_AScti, _NTe],
      [() => ActionSummaries, 0]
    ];
    var ListAIBenchmarkJobsRequest$ = [
      3,
      n0,
      _LAIBJR,
      0,
      [_MR, _NTe, _NCa, _SE, _CTA, _CTB, _SBo, _SO],
      [1, 0, 0, 0, 4, 4, 0, 0]
    ];
    var ListAIBenchmarkJobsResponse$ = [
      3,
      n0,
      _LAIBJRi,
      0,
      [_AIBJ, _NTe],
      [() => AIBenchmarkJobSummaryList, 0],
      1
    ];
    var ListAIRecommendationJobsRequest$ = [
      3,
      n0,
      _LAIRJR,
      0,
      [_MR, _NTe, _NCa, _SE, _CTA, _CTB, _SBo, _SO],
      [1, 0, 0, 0, 4, 4, 0, 0]
    ];
    var ListAIRecommendationJobsResponse$ = [
      3,
      n0,
      _LAIRJRi,
      0,
      [_AIRJ, _NTe],
      [() => AIRecommendationJobSummaryList, 0],
      1
    ];
    var ListAIWorkloadConfigsRequest$ = [
      3,
      n0,
      _LAIWCR,
      0,
      [_MR, _NTe, _NCa, _CTA, _CTB, _SBo, _SO],
      [1, 0, 0, 4, 4, 0, 0]
    ];
    var ListAIWorkloadConfigsResponse$ = [
      3,
      n0,
      _LAIWCRi,
      0,
      [_AIWC, _NTe],
      [() => AIWorkloadConfigSummaryList, 0],
      1
    ];
    var ListAlgorithmsInput$ = [
      3,
      n0,
      _LAI,
      0,
      [_CTA, _CTB, _MR, _NCa, _NTe, _SBo, _SO],
      [4, 4, 1, 0, 0, 0, 0]
    ];
    var ListAlgorithmsOutput$ = [
      3,
      n0,
      _LAO,
      0,
      [_ASL, _NTe],
      [() => AlgorithmSummaryList, 0],
      1
    ];
    var ListAliasesRequest$ = [
      3,
      n0,
      _LARis,
      0,
      [_IN, _Alia, _V, _MR, _NTe],
      [0, 0, 1, 1, 0],
      1
    ];
    var ListAliasesResponse$ = [
      3,
      n0,
      _LARist,
      0,
      [_SMIVA, _NTe],
      [64 | 0, 0]
    ];
    var ListAppImageConfigsRequest$ = [
      3,
      n0,
      _LAICR,
      0,
      [_MR, _NTe, _NCa, _CTB, _CTA, _MTB, _MTA, _SBo, _SO],
      [1, 0, 0, 4, 4, 4, 4, 0, 0]
    ];
    var ListAppImageConfigsResponse$ = [
      3,
      n0,
      _LAICRi,
      0,
      [_NTe, _AICp],
      [0, () => AppImageConfigList]
    ];
    var ListAppsRequest$ = [
      3,
      n0,
      _LARistp,
      0,
      [_NTe, _MR, _SO, _SBo, _DIE, _UPNE, _SNE],
      [0, 1, 0, 0, 0, 0, 0]
    ];
    var ListAppsResponse$ = [
      3,
      n0,
      _LARistpp,
      0,
      [_Ap, _NTe],
      [() => AppList, 0]
    ];
    var ListArtifactsRequest$ = [
      3,
      n0,
      _LARistr,
      0,
      [_SU, _ATr, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 0, 4, 4, 0, 0, 0, 1]
    ];
    var ListArtifactsResponse$ = [
      3,
      n0,
      _LARistrt,
      0,
      [_ASrti, _NTe],
      [() => ArtifactSummaries, 0]
    ];
    var ListAssociationsRequest$ = [
      3,
      n0,
      _LARists,
      0,
      [_SA, _DA, _ST, _DT, _ATs, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 1]
    ];
    var ListAssociationsResponse$ = [
      3,
      n0,
      _LARistss,
      0,
      [_ASss, _NTe],
      [() => AssociationSummaries, 0]
    ];
    var ListAutoMLJobsRequest$ = [
      3,
      n0,
      _LAMLJR,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SO, _SBo, _MR, _NTe],
      [4, 4, 4, 4, 0, 0, 0, 0, 1, 0]
    ];
    var ListAutoMLJobsResponse$ = [
      3,
      n0,
      _LAMLJRi,
      0,
      [_AMLJSut, _NTe],
      [() => AutoMLJobSummaries, 0],
      1
    ];
    var ListCandidatesForAutoMLJobRequest$ = [
      3,
      n0,
      _LCFAMLJR,
      0,
      [_AMLJN, _SE, _CNE, _SO, _SBo, _MR, _NTe],
      [0, 0, 0, 0, 0, 1, 0],
      1
    ];
    var ListCandidatesForAutoMLJobResponse$ = [
      3,
      n0,
      _LCFAMLJRi,
      0,
      [_Can, _NTe],
      [() => AutoMLCandidates, 0],
      1
    ];
    var ListClusterEventsRequest$ = [
      3,
      n0,
      _LCER,
      0,
      [_CNl, _IGN, _NI, _ETA, _ETB, _SBo, _SO, _RT, _MR, _NTe],
      [0, 0, 0, 4, 4, 0, 0, 0, 1, 0],
      1
    ];
    var ListClusterEventsResponse$ = [
      3,
      n0,
      _LCERi,
      0,
      [_NTe, _Ev],
      [0, () => ClusterEventSummaries]
    ];
    var ListClusterNodesRequest$ = [
      3,
      n0,
      _LCNR,
      0,
      [_CNl, _CTA, _CTB, _IGNC, _MR, _NTe, _SBo, _SO, _INLI],
      [0, 4, 4, 0, 1, 0, 0, 0, 2],
      1
    ];
    var ListClusterNodesResponse$ = [
      3,
      n0,
      _LCNRi,
      0,
      [_CNSl, _NTe],
      [() => ClusterNodeSummaries, 0],
      1
    ];
    var ListClusterSchedulerConfigsRequest$ = [
      3,
      n0,
      _LCSCR,
      0,
      [_CAre, _CBr, _NCa, _CAl, _St, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 0, 0, 0, 1]
    ];
    var ListClusterSchedulerConfigsResponse$ = [
      3,
      n0,
      _LCSCRi,
      0,
      [_CSCSl, _NTe],
      [() => ClusterSchedulerConfigSummaryList, 0]
    ];
    var ListClustersRequest$ = [
      3,
      n0,
      _LCR,
      0,
      [_CTA, _CTB, _MR, _NCa, _NTe, _SBo, _SO, _TPA],
      [4, 4, 1, 0, 0, 0, 0, 0]
    ];
    var ListClustersResponse$ = [
      3,
      n0,
      _LCRi,
      0,
      [_CSlus, _NTe],
      [() => ClusterSummaries, 0],
      1
    ];
    var ListCodeRepositoriesInput$ = [
      3,
      n0,
      _LCRI,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _MR, _NCa, _NTe, _SBo, _SO],
      [4, 4, 4, 4, 1, 0, 0, 0, 0]
    ];
    var ListCodeRepositoriesOutput$ = [
      3,
      n0,
      _LCRO,
      0,
      [_CRSL, _NTe],
      [() => CodeRepositorySummaryList, 0],
      1
    ];
    var ListCompilationJobsRequest$ = [
      3,
      n0,
      _LCJR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SBo, _SO],
      [0, 1, 4, 4, 4, 4, 0, 0, 0, 0]
    ];
    var ListCompilationJobsResponse$ = [
      3,
      n0,
      _LCJRi,
      0,
      [_CJSom, _NTe],
      [() => CompilationJobSummaries, 0],
      1
    ];
    var ListComputeQuotasRequest$ = [
      3,
      n0,
      _LCQR,
      0,
      [_CAre, _CBr, _NCa, _St, _CAl, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 0, 0, 0, 1]
    ];
    var ListComputeQuotasResponse$ = [
      3,
      n0,
      _LCQRi,
      0,
      [_CQSo, _NTe],
      [() => ComputeQuotaSummaryList, 0]
    ];
    var ListContextsRequest$ = [
      3,
      n0,
      _LCRis,
      0,
      [_SU, _CTonte, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 0, 4, 4, 0, 0, 0, 1]
    ];
    var ListContextsResponse$ = [
      3,
      n0,
      _LCRist,
      0,
      [_CSont, _NTe],
      [() => ContextSummaries, 0]
    ];
    var ListDataQualityJobDefinitionsRequest$ = [
      3,
      n0,
      _LDQJDR,
      0,
      [_EN, _SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 0, 1, 0, 4, 4]
    ];
    var ListDataQualityJobDefinitionsResponse$ = [
      3,
      n0,
      _LDQJDRi,
      0,
      [_JDS, _NTe],
      [() => MonitoringJobDefinitionSummaryList, 0],
      1
    ];
    var ListDeviceFleetsRequest$ = [
      3,
      n0,
      _LDFR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _SBo, _SO],
      [0, 1, 4, 4, 4, 4, 0, 0, 0]
    ];
    var ListDeviceFleetsResponse$ = [
      3,
      n0,
      _LDFRi,
      0,
      [_DFSe, _NTe],
      [() => DeviceFleetSummaries, 0],
      1
    ];
    var ListDevicesRequest$ = [
      3,
      n0,
      _LDR,
      0,
      [_NTe, _MR, _LHA, _MNod, _DFN],
      [0, 1, 4, 0, 0]
    ];
    var ListDevicesResponse$ = [
      3,
      n0,
      _LDRi,
      0,
      [_DSevic, _NTe],
      [() => DeviceSummaries, 0],
      1
    ];
    var ListDomainsRequest$ = [
      3,
      n0,
      _LDRis,
      0,
      [_NTe, _MR],
      [0, 1]
    ];
    var ListDomainsResponse$ = [
      3,
      n0,
      _LDRist,
      0,
      [_Dom, _NTe],
      [() => DomainList, 0]
    ];
    var ListEdgeDeploymentPlansRequest$ = [
      3,
      n0,
      _LEDPR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _DFNC, _SBo, _SO],
      [0, 1, 4, 4, 4, 4, 0, 0, 0, 0]
    ];
    var ListEdgeDeploymentPlansResponse$ = [
      3,
      n0,
      _LEDPRi,
      0,
      [_EDPSd, _NTe],
      [() => EdgeDeploymentPlanSummaries, 0],
      1
    ];
    var ListEdgePackagingJobsRequest$ = [
      3,
      n0,
      _LEPJR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _MNC, _SE, _SBo, _SO],
      [0, 1, 4, 4, 4, 4, 0, 0, 0, 0, 0]
    ];
    var ListEdgePackagingJobsResponse$ = [
      3,
      n0,
      _LEPJRi,
      0,
      [_EPJSdg, _NTe],
      [() => EdgePackagingJobSummaries, 0],
      1
    ];
    var ListEndpointConfigsInput$ = [
      3,
      n0,
      _LECI,
      0,
      [_SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 1, 0, 4, 4]
    ];
    var ListEndpointConfigsOutput$ = [
      3,
      n0,
      _LECO,
      0,
      [_ECndp, _NTe],
      [() => EndpointConfigSummaryList, 0],
      1
    ];
    var ListEndpointsInput$ = [
      3,
      n0,
      _LEI,
      0,
      [_SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA, _LMTB, _LMTA, _SE],
      [0, 0, 0, 1, 0, 4, 4, 4, 4, 0]
    ];
    var ListEndpointsOutput$ = [
      3,
      n0,
      _LEO,
      0,
      [_End, _NTe],
      [() => EndpointSummaryList, 0],
      1
    ];
    var ListExperimentsRequest$ = [
      3,
      n0,
      _LER,
      0,
      [_CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 1]
    ];
    var ListExperimentsResponse$ = [
      3,
      n0,
      _LERi,
      0,
      [_ESxpe, _NTe],
      [() => ExperimentSummaries, 0]
    ];
    var ListFeatureGroupsRequest$ = [
      3,
      n0,
      _LFGR,
      0,
      [_NCa, _FGSE, _OSSE, _CTA, _CTB, _SO, _SBo, _MR, _NTe],
      [0, 0, 0, 4, 4, 0, 0, 1, 0]
    ];
    var ListFeatureGroupsResponse$ = [
      3,
      n0,
      _LFGRi,
      0,
      [_FGSea, _NTe],
      [() => FeatureGroupSummaries, 0],
      1
    ];
    var ListFlowDefinitionsRequest$ = [
      3,
      n0,
      _LFDR,
      0,
      [_CTA, _CTB, _SO, _NTe, _MR],
      [4, 4, 0, 0, 1]
    ];
    var ListFlowDefinitionsResponse$ = [
      3,
      n0,
      _LFDRi,
      0,
      [_FDSlo, _NTe],
      [() => FlowDefinitionSummaries, 0],
      1
    ];
    var ListHubContentsRequest$ = [
      3,
      n0,
      _LHCR,
      0,
      [_HN, _HCT, _NCa, _MSV, _CTB, _CTA, _SBo, _SO, _MR, _NTe],
      [0, 0, 0, 0, 4, 4, 0, 0, 1, 0],
      2
    ];
    var ListHubContentsResponse$ = [
      3,
      n0,
      _LHCRi,
      0,
      [_HCSu, _NTe],
      [() => HubContentInfoList, 0],
      1
    ];
    var ListHubContentVersionsRequest$ = [
      3,
      n0,
      _LHCVR,
      0,
      [_HN, _HCT, _HCN, _MVi, _MSV, _CTB, _CTA, _SBo, _SO, _MR, _NTe],
      [0, 0, 0, 0, 0, 4, 4, 0, 0, 1, 0],
      3
    ];
    var ListHubContentVersionsResponse$ = [
      3,
      n0,
      _LHCVRi,
      0,
      [_HCSu, _NTe],
      [() => HubContentInfoList, 0],
      1
    ];
    var ListHubsRequest$ = [
      3,
      n0,
      _LHR,
      0,
      [_NCa, _CTB, _CTA, _LMTB, _LMTA, _SBo, _SO, _MR, _NTe],
      [0, 4, 4, 4, 4, 0, 0, 1, 0]
    ];
    var ListHubsResponse$ = [
      3,
      n0,
      _LHRi,
      0,
      [_HSu, _NTe],
      [() => HubInfoList, 0],
      1
    ];
    var ListHumanTaskUisRequest$ = [
      3,
      n0,
      _LHTUR,
      0,
      [_CTA, _CTB, _SO, _NTe, _MR],
      [4, 4, 0, 0, 1]
    ];
    var ListHumanTaskUisResponse$ = [
      3,
      n0,
      _LHTURi,
      0,
      [_HTUSum, _NTe],
      [() => HumanTaskUiSummaries, 0],
      1
    ];
    var ListHyperParameterTuningJobsRequest$ = [
      3,
      n0,
      _LHPTJR,
      0,
      [_NTe, _MR, _SBo, _SO, _NCa, _CTA, _CTB, _LMTA, _LMTB, _SE],
      [0, 1, 0, 0, 0, 4, 4, 4, 4, 0]
    ];
    var ListHyperParameterTuningJobsResponse$ = [
      3,
      n0,
      _LHPTJRi,
      0,
      [_HPTJSype, _NTe],
      [() => HyperParameterTuningJobSummaries, 0],
      1
    ];
    var ListImagesRequest$ = [
      3,
      n0,
      _LIR,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _MR, _NCa, _NTe, _SBo, _SO],
      [4, 4, 4, 4, 1, 0, 0, 0, 0]
    ];
    var ListImagesResponse$ = [
      3,
      n0,
      _LIRi,
      0,
      [_Ima, _NTe],
      [() => Images, 0]
    ];
    var ListImageVersionsRequest$ = [
      3,
      n0,
      _LIVR,
      0,
      [_IN, _CTA, _CTB, _LMTA, _LMTB, _MR, _NTe, _SBo, _SO],
      [0, 4, 4, 4, 4, 1, 0, 0, 0],
      1
    ];
    var ListImageVersionsResponse$ = [
      3,
      n0,
      _LIVRi,
      0,
      [_IVm, _NTe],
      [() => ImageVersions, 0]
    ];
    var ListInferenceComponentsInput$ = [
      3,
      n0,
      _LICI,
      0,
      [_SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA, _LMTB, _LMTA, _SE, _ENE, _VNE],
      [0, 0, 0, 1, 0, 4, 4, 4, 4, 0, 0, 0]
    ];
    var ListInferenceComponentsOutput$ = [
      3,
      n0,
      _LICO,
      0,
      [_IC, _NTe],
      [() => InferenceComponentSummaryList, 0],
      1
    ];
    var ListInferenceExperimentsRequest$ = [
      3,
      n0,
      _LIER,
      0,
      [_NCa, _T, _SE, _CTA, _CTB, _LMTA, _LMTB, _SBo, _SO, _NTe, _MR],
      [0, 0, 0, 4, 4, 4, 4, 0, 0, 0, 1]
    ];
    var ListInferenceExperimentsResponse$ = [
      3,
      n0,
      _LIERi,
      0,
      [_IE, _NTe],
      [() => InferenceExperimentList, 0]
    ];
    var ListInferenceRecommendationsJobsRequest$ = [
      3,
      n0,
      _LIRJR,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SBo, _SO, _NTe, _MR, _MNE, _MPVAE],
      [4, 4, 4, 4, 0, 0, 0, 0, 0, 1, 0, 0]
    ];
    var ListInferenceRecommendationsJobsResponse$ = [
      3,
      n0,
      _LIRJRi,
      0,
      [_IRJn, _NTe],
      [() => InferenceRecommendationsJobs, 0],
      1
    ];
    var ListInferenceRecommendationsJobStepsRequest$ = [
      3,
      n0,
      _LIRJSR,
      0,
      [_JN, _St, _STte, _MR, _NTe],
      [0, 0, 0, 1, 0],
      1
    ];
    var ListInferenceRecommendationsJobStepsResponse$ = [
      3,
      n0,
      _LIRJSRi,
      0,
      [_Ste, _NTe],
      [() => InferenceRecommendationsJobSteps, 0]
    ];
    var ListJobSchemaVersionsRequest$ = [
      3,
      n0,
      _LJSVR,
      0,
      [_JC, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var ListJobSchemaVersionsResponse$ = [
      3,
      n0,
      _LJSVRi,
      0,
      [_JCSo, _NTe],
      [() => JobConfigSchemas, 0],
      1
    ];
    var ListJobsRequest$ = [
      3,
      n0,
      _LJR,
      0,
      [_JC, _NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _SBo, _SO, _SE],
      [0, 0, 1, 4, 4, 4, 4, 0, 0, 0, 0],
      1
    ];
    var ListJobsResponse$ = [
      3,
      n0,
      _LJRi,
      0,
      [_JSobu, _NTe],
      [() => JobSummaries, 0],
      1
    ];
    var ListLabelingJobsForWorkteamRequest$ = [
      3,
      n0,
      _LLJFWR,
      0,
      [_WAo, _MR, _NTe, _CTA, _CTB, _JRCC, _SBo, _SO],
      [0, 1, 0, 4, 4, 0, 0, 0],
      1
    ];
    var ListLabelingJobsForWorkteamResponse$ = [
      3,
      n0,
      _LLJFWRi,
      0,
      [_LJSL, _NTe],
      [() => LabelingJobForWorkteamSummaryList, 0],
      1
    ];
    var ListLabelingJobsRequest$ = [
      3,
      n0,
      _LLJR,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _MR, _NTe, _NCa, _SBo, _SO, _SE],
      [4, 4, 4, 4, 1, 0, 0, 0, 0, 0]
    ];
    var ListLabelingJobsResponse$ = [
      3,
      n0,
      _LLJRi,
      0,
      [_LJSL, _NTe],
      [() => LabelingJobSummaryList, 0]
    ];
    var ListLineageGroupsRequest$ = [
      3,
      n0,
      _LLGR,
      0,
      [_CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 1]
    ];
    var ListLineageGroupsResponse$ = [
      3,
      n0,
      _LLGRi,
      0,
      [_LGSi, _NTe],
      [() => LineageGroupSummaries, 0]
    ];
    var ListMlflowAppsRequest$ = [
      3,
      n0,
      _LMAR,
      0,
      [_CAre, _CBr, _St, _MVl, _DFDI, _ADS, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 0, 0, 0, 0, 1]
    ];
    var ListMlflowAppsResponse$ = [
      3,
      n0,
      _LMARi,
      0,
      [_Sum, _NTe],
      [() => MlflowAppSummaries, 0]
    ];
    var ListMlflowTrackingServersRequest$ = [
      3,
      n0,
      _LMTSR,
      0,
      [_CAre, _CBr, _TSSr, _MVl, _SBo, _SO, _NTe, _MR],
      [4, 4, 0, 0, 0, 0, 0, 1]
    ];
    var ListMlflowTrackingServersResponse$ = [
      3,
      n0,
      _LMTSRi,
      0,
      [_TSSra, _NTe],
      [() => TrackingServerSummaryList, 0]
    ];
    var ListModelBiasJobDefinitionsRequest$ = [
      3,
      n0,
      _LMBJDR,
      0,
      [_EN, _SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 0, 1, 0, 4, 4]
    ];
    var ListModelBiasJobDefinitionsResponse$ = [
      3,
      n0,
      _LMBJDRi,
      0,
      [_JDS, _NTe],
      [() => MonitoringJobDefinitionSummaryList, 0],
      1
    ];
    var ListModelCardExportJobsRequest$ = [
      3,
      n0,
      _LMCEJR,
      0,
      [_MCN, _MCV, _CTA, _CTB, _MCEJNC, _SE, _SBo, _SO, _NTe, _MR],
      [0, 1, 4, 4, 0, 0, 0, 0, 0, 1],
      1
    ];
    var ListModelCardExportJobsResponse$ = [
      3,
      n0,
      _LMCEJRi,
      0,
      [_MCEJS, _NTe],
      [() => ModelCardExportJobSummaryList, 0],
      1
    ];
    var ListModelCardsRequest$ = [
      3,
      n0,
      _LMCR,
      0,
      [_CTA, _CTB, _MR, _NCa, _MCS, _NTe, _SBo, _SO],
      [4, 4, 1, 0, 0, 0, 0, 0]
    ];
    var ListModelCardsResponse$ = [
      3,
      n0,
      _LMCRi,
      0,
      [_MCSo, _NTe],
      [() => ModelCardSummaryList, 0],
      1
    ];
    var ListModelCardVersionsRequest$ = [
      3,
      n0,
      _LMCVR,
      0,
      [_MCN, _CTA, _CTB, _MR, _MCS, _NTe, _SBo, _SO],
      [0, 4, 4, 1, 0, 0, 0, 0],
      1
    ];
    var ListModelCardVersionsResponse$ = [
      3,
      n0,
      _LMCVRi,
      0,
      [_MCVSL, _NTe],
      [() => ModelCardVersionSummaryList, 0],
      1
    ];
    var ListModelExplainabilityJobDefinitionsRequest$ = [
      3,
      n0,
      _LMEJDR,
      0,
      [_EN, _SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 0, 1, 0, 4, 4]
    ];
    var ListModelExplainabilityJobDefinitionsResponse$ = [
      3,
      n0,
      _LMEJDRi,
      0,
      [_JDS, _NTe],
      [() => MonitoringJobDefinitionSummaryList, 0],
      1
    ];
    var ListModelMetadataRequest$ = [
      3,
      n0,
      _LMMR,
      0,
      [_SEe, _NTe, _MR],
      [() => ModelMetadataSearchExpression$, 0, 1]
    ];
    var ListModelMetadataResponse$ = [
      3,
      n0,
      _LMMRi,
      0,
      [_MMS, _NTe],
      [() => ModelMetadataSummaries, 0],
      1
    ];
    var ListModelPackageGroupsInput$ = [
      3,
      n0,
      _LMPGI,
      0,
      [_CTA, _CTB, _MR, _NCa, _NTe, _SBo, _SO, _CAFO],
      [4, 4, 1, 0, 0, 0, 0, 0]
    ];
    var ListModelPackageGroupsOutput$ = [
      3,
      n0,
      _LMPGO,
      0,
      [_MPGSL, _NTe],
      [() => ModelPackageGroupSummaryList, 0],
      1
    ];
    var ListModelPackagesInput$ = [
      3,
      n0,
      _LMPI,
      0,
      [_CTA, _CTB, _MR, _NCa, _MAS, _MPGN, _MPT, _NTe, _SBo, _SO],
      [4, 4, 1, 0, 0, 0, 0, 0, 0, 0]
    ];
    var ListModelPackagesOutput$ = [
      3,
      n0,
      _LMPO,
      0,
      [_MPSL, _NTe],
      [() => ModelPackageSummaryList, 0],
      1
    ];
    var ListModelQualityJobDefinitionsRequest$ = [
      3,
      n0,
      _LMQJDR,
      0,
      [_EN, _SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 0, 1, 0, 4, 4]
    ];
    var ListModelQualityJobDefinitionsResponse$ = [
      3,
      n0,
      _LMQJDRi,
      0,
      [_JDS, _NTe],
      [() => MonitoringJobDefinitionSummaryList, 0],
      1
    ];
    var ListModelsInput$ = [
      3,
      n0,
      _LMI,
      0,
      [_SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA],
      [0, 0, 0, 1, 0, 4, 4]
    ];
    var ListModelsOutput$ = [
      3,
      n0,
      _LMO,
      0,
      [_Mod, _NTe],
      [() => ModelSummaryList, 0],
      1
    ];
    var ListMonitoringAlertHistoryRequest$ = [
      3,
      n0,
      _LMAHR,
      0,
      [_MSN, _MAN, _SBo, _SO, _NTe, _MR, _CTB, _CTA, _SE],
      [0, 0, 0, 0, 0, 1, 4, 4, 0]
    ];
    var ListMonitoringAlertHistoryResponse$ = [
      3,
      n0,
      _LMAHRi,
      0,
      [_MAH, _NTe],
      [() => MonitoringAlertHistoryList, 0]
    ];
    var ListMonitoringAlertsRequest$ = [
      3,
      n0,
      _LMARis,
      0,
      [_MSN, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var ListMonitoringAlertsResponse$ = [
      3,
      n0,
      _LMARist,
      0,
      [_MASo, _NTe],
      [() => MonitoringAlertSummaryList, 0]
    ];
    var ListMonitoringExecutionsRequest$ = [
      3,
      n0,
      _LMER,
      0,
      [_MSN, _EN, _SBo, _SO, _NTe, _MR, _STB, _STAc, _CTB, _CTA, _LMTB, _LMTA, _SE, _MJDN, _MTE],
      [0, 0, 0, 0, 0, 1, 4, 4, 4, 4, 4, 4, 0, 0, 0]
    ];
    var ListMonitoringExecutionsResponse$ = [
      3,
      n0,
      _LMERi,
      0,
      [_MES, _NTe],
      [() => MonitoringExecutionSummaryList, 0],
      1
    ];
    var ListMonitoringSchedulesRequest$ = [
      3,
      n0,
      _LMSR,
      0,
      [_EN, _SBo, _SO, _NTe, _MR, _NCa, _CTB, _CTA, _LMTB, _LMTA, _SE, _MJDN, _MTE],
      [0, 0, 0, 0, 1, 0, 4, 4, 4, 4, 0, 0, 0]
    ];
    var ListMonitoringSchedulesResponse$ = [
      3,
      n0,
      _LMSRi,
      0,
      [_MSSo, _NTe],
      [() => MonitoringScheduleSummaryList, 0],
      1
    ];
    var ListNotebookInstanceLifecycleConfigsInput$ = [
      3,
      n0,
      _LNILCI,
      0,
      [_NTe, _MR, _SBo, _SO, _NCa, _CTB, _CTA, _LMTB, _LMTA],
      [0, 1, 0, 0, 0, 4, 4, 4, 4]
    ];
    var ListNotebookInstanceLifecycleConfigsOutput$ = [
      3,
      n0,
      _LNILCO,
      0,
      [_NTe, _NILC],
      [0, () => NotebookInstanceLifecycleConfigSummaryList]
    ];
    var ListNotebookInstancesInput$ = [
      3,
      n0,
      _LNII,
      0,
      [_NTe, _MR, _SBo, _SO, _NCa, _CTB, _CTA, _LMTB, _LMTA, _SE, _NILCNC, _DCRC, _ACRE],
      [0, 1, 0, 0, 0, 4, 4, 4, 4, 0, 0, 0, 0]
    ];
    var ListNotebookInstancesOutput$ = [
      3,
      n0,
      _LNIO,
      0,
      [_NTe, _NIot],
      [0, () => NotebookInstanceSummaryList]
    ];
    var ListOptimizationJobsRequest$ = [
      3,
      n0,
      _LOJR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _OCpt, _NCa, _SE, _SBo, _SO],
      [0, 1, 4, 4, 4, 4, 0, 0, 0, 0, 0]
    ];
    var ListOptimizationJobsResponse$ = [
      3,
      n0,
      _LOJRi,
      0,
      [_OJSp, _NTe],
      [() => OptimizationJobSummaries, 0],
      1
    ];
    var ListPartnerAppsRequest$ = [
      3,
      n0,
      _LPAR,
      0,
      [_MR, _NTe],
      [1, 0]
    ];
    var ListPartnerAppsResponse$ = [
      3,
      n0,
      _LPARi,
      0,
      [_Sum, _NTe],
      [() => PartnerAppSummaries, 0]
    ];
    var ListPipelineExecutionsRequest$ = [
      3,
      n0,
      _LPER,
      0,
      [_PNi, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 4, 4, 0, 0, 0, 1],
      1
    ];
    var ListPipelineExecutionsResponse$ = [
      3,
      n0,
      _LPERi,
      0,
      [_PESi, _NTe],
      [() => PipelineExecutionSummaryList, 0]
    ];
    var ListPipelineExecutionStepsRequest$ = [
      3,
      n0,
      _LPESR,
      0,
      [_PEA, _NTe, _MR, _SO],
      [0, 0, 1, 0]
    ];
    var ListPipelineExecutionStepsResponse$ = [
      3,
      n0,
      _LPESRi,
      0,
      [_PESip, _NTe],
      [() => PipelineExecutionStepList, 0]
    ];
    var ListPipelineParametersForExecutionRequest$ = [
      3,
      n0,
      _LPPFER,
      0,
      [_PEA, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var ListPipelineParametersForExecutionResponse$ = [
      3,
      n0,
      _LPPFERi,
      0,
      [_PP, _NTe],
      [() => ParameterList, 0]
    ];
    var ListPipelinesRequest$ = [
      3,
      n0,
      _LPR,
      0,
      [_PNP, _CAre, _CBr, _SBo, _SO, _NTe, _MR],
      [0, 4, 4, 0, 0, 0, 1]
    ];
    var ListPipelinesResponse$ = [
      3,
      n0,
      _LPRi,
      0,
      [_PSip, _NTe],
      [() => PipelineSummaryList, 0]
    ];
    var ListPipelineVersionsRequest$ = [
      3,
      n0,
      _LPVR,
      0,
      [_PNi, _CAre, _CBr, _SO, _NTe, _MR],
      [0, 4, 4, 0, 0, 1],
      1
    ];
    var ListPipelineVersionsResponse$ = [
      3,
      n0,
      _LPVRi,
      0,
      [_PVS, _NTe],
      [() => PipelineVersionSummaryList, 0]
    ];
    var ListProcessingJobsRequest$ = [
      3,
      n0,
      _LPJR,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SBo, _SO, _NTe, _MR],
      [4, 4, 4, 4, 0, 0, 0, 0, 0, 1]
    ];
    var ListProcessingJobsResponse$ = [
      3,
      n0,
      _LPJRi,
      0,
      [_PJSr, _NTe],
      [() => ProcessingJobSummaries, 0],
      1
    ];
    var ListProjectsInput$ = [
      3,
      n0,
      _LPI,
      0,
      [_CTA, _CTB, _MR, _NCa, _NTe, _SBo, _SO],
      [4, 4, 1, 0, 0, 0, 0]
    ];
    var ListProjectsOutput$ = [
      3,
      n0,
      _LPO,
      0,
      [_PSL, _NTe],
      [() => ProjectSummaryList, 0],
      1
    ];
    var ListResourceCatalogsRequest$ = [
      3,
      n0,
      _LRCR,
      0,
      [_NCa, _CTA, _CTB, _SO, _SBo, _MR, _NTe],
      [0, 4, 4, 0, 0, 1, 0]
    ];
    var ListResourceCatalogsResponse$ = [
      3,
      n0,
      _LRCRi,
      0,
      [_RCes, _NTe],
      [() => ResourceCatalogList, 0]
    ];
    var ListSpacesRequest$ = [
      3,
      n0,
      _LSR,
      0,
      [_NTe, _MR, _SO, _SBo, _DIE, _SNC],
      [0, 1, 0, 0, 0, 0]
    ];
    var ListSpacesResponse$ = [
      3,
      n0,
      _LSRi,
      0,
      [_Spa, _NTe],
      [() => SpaceList, 0]
    ];
    var ListStageDevicesRequest$ = [
      3,
      n0,
      _LSDR,
      0,
      [_EDPN, _SNt, _NTe, _MR, _EDDIOS],
      [0, 0, 0, 1, 2],
      2
    ];
    var ListStageDevicesResponse$ = [
      3,
      n0,
      _LSDRi,
      0,
      [_DDSevi, _NTe],
      [() => DeviceDeploymentSummaries, 0],
      1
    ];
    var ListStudioLifecycleConfigsRequest$ = [
      3,
      n0,
      _LSLCR,
      0,
      [_MR, _NTe, _NCa, _ATE, _CTB, _CTA, _MTB, _MTA, _SBo, _SO],
      [1, 0, 0, 0, 4, 4, 4, 4, 0, 0]
    ];
    var ListStudioLifecycleConfigsResponse$ = [
      3,
      n0,
      _LSLCRi,
      0,
      [_NTe, _SLC],
      [0, () => StudioLifecycleConfigsList]
    ];
    var ListSubscribedWorkteamsRequest$ = [
      3,
      n0,
      _LSWR,
      0,
      [_NCa, _NTe, _MR],
      [0, 0, 1]
    ];
    var ListSubscribedWorkteamsResponse$ = [
      3,
      n0,
      _LSWRi,
      0,
      [_SWu, _NTe],
      [() => SubscribedWorkteams, 0],
      1
    ];
    var ListTagsInput$ = [
      3,
      n0,
      _LTI,
      0,
      [_RA, _NTe, _MR],
      [0, 0, 1],
      1
    ];
    var ListTagsOutput$ = [
      3,
      n0,
      _LTO,
      0,
      [_Ta, _NTe],
      [() => TagList, 0]
    ];
    var ListTrainingJobsForHyperParameterTuningJobRequest$ = [
      3,
      n0,
      _LTJFHPTJR,
      0,
      [_HPTJN, _NTe, _MR, _SE, _SBo, _SO],
      [0, 0, 1, 0, 0, 0],
      1
    ];
    var ListTrainingJobsForHyperParameterTuningJobResponse$ = [
      3,
      n0,
      _LTJFHPTJRi,
      0,
      [_TJSra, _NTe],
      [() => HyperParameterTrainingJobSummaries, 0],
      1
    ];
    var ListTrainingJobsRequest$ = [
      3,
      n0,
      _LTJR,
      0,
      [_NTe, _MR, _CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SBo, _SO, _WPSE, _TPAE],
      [0, 1, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0]
    ];
    var ListTrainingJobsResponse$ = [
      3,
      n0,
      _LTJRi,
      0,
      [_TJSra, _NTe],
      [() => TrainingJobSummaries, 0],
      1
    ];
    var ListTrainingPlansRequest$ = [
      3,
      n0,
      _LTPR,
      0,
      [_NTe, _MR, _STAt, _STBt, _SBo, _SO, _Fil],
      [0, 1, 4, 4, 0, 0, () => TrainingPlanFilters]
    ];
    var ListTrainingPlansResponse$ = [
      3,
      n0,
      _LTPRi,
      0,
      [_TPSr, _NTe],
      [() => TrainingPlanSummaries, 0],
      1
    ];
    var ListTransformJobsRequest$ = [
      3,
      n0,
      _LTJRis,
      0,
      [_CTA, _CTB, _LMTA, _LMTB, _NCa, _SE, _SBo, _SO, _NTe, _MR],
      [4, 4, 4, 4, 0, 0, 0, 0, 0, 1]
    ];
    var ListTransformJobsResponse$ = [
      3,
      n0,
      _LTJRist,
      0,
      [_TJSran, _NTe],
      [() => TransformJobSummaries, 0],
      1
    ];
    var ListTrialComponentsRequest$ = [
      3,
      n0,
      _LTCR,
      0,
      [_ENx, _TN, _SA, _CAre, _CBr, _SBo, _SO, _MR, _NTe],
      [0, 0, 0, 4, 4, 0, 0, 1, 0]
    ];
    var ListTrialComponentsResponse$ = [
      3,
      n0,
      _LTCRi,
      0,
      [_TCS, _NTe],
      [() => TrialComponentSummaries, 0]
    ];
    var ListTrialsRequest$ = [
      3,
      n0,
      _LTR,
      0,
      [_ENx, _TCN, _CAre, _CBr, _SBo, _SO, _MR, _NTe],
      [0, 0, 4, 4, 0, 0, 1, 0]
    ];
    var ListTrialsResponse$ = [
      3,
      n0,
      _LTRi,
      0,
      [_TSr, _NTe],
      [() => TrialSummaries, 0]
    ];
    var ListUltraServersByReservedCapacityRequest$ = [
      3,
      n0,
      _LUSBRCR,
      0,
      [_RCA, _MR, _NTe],
      [0, 1, 0],
      1
    ];
    var ListUltraServersByReservedCapacityResponse$ = [
      3,
      n0,
      _LUSBRCRi,
      0,
      [_USl, _NTe],
      [() => UltraServers, 0],
      1
    ];
    var ListUserProfilesRequest$ = [
      3,
      n0,
      _LUPR,
      0,
      [_NTe, _MR, _SO, _SBo, _DIE, _UPNC],
      [0, 1, 0, 0, 0, 0]
    ];
    var ListUserProfilesResponse$ = [
      3,
      n0,
      _LUPRi,
      0,
      [_UPs, _NTe],
      [() => UserProfileList, 0]
    ];
    var ListWorkforcesRequest$ = [
      3,
      n0,
      _LWR,
      0,
      [_SBo, _SO, _NCa, _NTe, _MR],
      [0, 0, 0, 0, 1]
    ];
    var ListWorkforcesResponse$ = [
      3,
      n0,
      _LWRi,
      0,
      [_Wor, _NTe],
      [() => Workforces, 0],
      1
    ];
    var ListWorkteamsRequest$ = [
      3,
      n0,
      _LWRis,
      0,
      [_SBo, _SO, _NCa, _NTe, _MR],
      [0, 0, 0, 0, 1]
    ];
    var ListWorkteamsResponse$ = [
      3,
      n0,
      _LWRist,
      0,
      [_Work, _NTe],
      [() => Workteams, 0],
      1
    ];
    var ManagedConfiguration$ = [
      3,
      n0,
      _MCan,
      0,
      [_MST],
      [0]
    ];
    var MemberDefinition$ = [
      3,
      n0,
      _MDemb,
      0,
      [_CMD, _OMD],
      [() => CognitoMemberDefinition$, () => OidcMemberDefinition$]
    ];
    var MetadataProperties$ = [
      3,
      n0,
      _MPe,
      0,
      [_CIom, _Rep, _GB, _PIro],
      [0, 0, 0, 0]
    ];
    var MetricData$ = [
      3,
      n0,
      _MDet,
      0,
      [_MN, _Va, _Tim],
      [0, 1, 4]
    ];
    var MetricDatum$ = [
      3,
      n0,
      _MDetr,
      0,
      [_MN, _SMN, _Va, _Set],
      [0, 0, 1, 0]
    ];
    var MetricDefinition$ = [
      3,
      n0,
      _MDetri,
      0,
      [_N, _Reg],
      [0, 0],
      2
    ];
    var MetricsConfig$ = [
      3,
      n0,
      _MCe,
      0,
      [_EEM, _EDO, _MPFIS],
      [2, 2, 1]
    ];
    var MetricsEndpoint$ = [
      3,
      n0,
      _MEe,
      0,
      [_MEP, _MPFIS],
      [0, 1],
      1
    ];
    var MetricsSource$ = [
      3,
      n0,
      _MSe,
      0,
      [_CTon, _SUr, _CDon],
      [0, 0, 0],
      2
    ];
    var MlflowAppSummary$ = [
      3,
      n0,
      _MASl,
      0,
      [_Ar, _N, _St, _CT, _LMT, _MVl],
      [0, 0, 0, 4, 4, 0]
    ];
    var MlflowConfig$ = [
      3,
      n0,
      _MC,
      0,
      [_MRAl, _MEN, _MRN],
      [0, 0, 0],
      1
    ];
    var MLflowConfiguration$ = [
      3,
      n0,
      _MLCfl,
      0,
      [_MRAl, _MEN],
      [0, 0]
    ];
    var MlflowDetails$ = [
      3,
      n0,
      _MDl,
      0,
      [_MEI, _MRI],
      [0, 0]
    ];
    var Model$ = [
      3,
      n0,
      _Mode,
      0,
      [_MNod, _PC, _Co, _IEC, _ERA, _VC, _CT, _MA, _ENI, _Ta, _DR],
      [0, () => ContainerDefinition$, () => ContainerDefinitionList, () => InferenceExecutionConfig$, 0, () => VpcConfig$, 4, 0, 2, () => TagList, () => DeploymentRecommendation$]
    ];
    var ModelAccessConfig$ = [
      3,
      n0,
      _MAC,
      0,
      [_AEc],
      [2],
      1
    ];
    var ModelArtifacts$ = [
      3,
      n0,
      _MAo,
      0,
      [_SMA],
      [0],
      1
    ];
    var ModelBiasAppSpecification$ = [
      3,
      n0,
      _MBAS,
      0,
      [_IU, _CU, _E],
      [0, 0, 128 | 0],
      2
    ];
    var ModelBiasBaselineConfig$ = [
      3,
      n0,
      _MBBC,
      0,
      [_BJN, _CRon],
      [0, () => MonitoringConstraintsResource$]
    ];
    var ModelBiasJobInput$ = [
      3,
      n0,
      _MBJI,
      0,
      [_GTSI, _EIn, _BTI],
      [() => MonitoringGroundTruthS3Input$, () => EndpointInput$, () => BatchTransformInput$],
      1
    ];
    var ModelCard$ = [
      3,
      n0,
      _MCod,
      0,
      [_MCA, _MCN, _MCV, _Cont, _MCS, _SC, _CT, _CB, _LMT, _LMB, _Ta, _MIo, _RR, _MPGN],
      [0, 0, 1, [() => ModelCardContent, 0], 0, () => ModelCardSecurityConfig$, 4, () => UserContext$, 4, () => UserContext$, () => TagList, 0, 0, 0]
    ];
    var ModelCardExportArtifacts$ = [
      3,
      n0,
      _MCEA,
      0,
      [_SEA],
      [0],
      1
    ];
    var ModelCardExportJobSummary$ = [
      3,
      n0,
      _MCEJSo,
      0,
      [_MCEJN, _MCEJA, _St, _MCN, _MCV, _CAr, _LMA],
      [0, 0, 0, 0, 1, 4, 4],
      7
    ];
    var ModelCardExportOutputConfig$ = [
      3,
      n0,
      _MCEOC,
      0,
      [_SOP],
      [0],
      1
    ];
    var ModelCardSecurityConfig$ = [
      3,
      n0,
      _MCSC,
      0,
      [_KKI],
      [0]
    ];
    var ModelCardSummary$ = [
      3,
      n0,
      _MCSod,
      0,
      [_MCN, _MCA, _MCS, _CT, _LMT],
      [0, 0, 0, 4, 4],
      4
    ];
    var ModelCardVersionSummary$ = [
      3,
      n0,
      _MCVS,
      0,
      [_MCN, _MCA, _MCS, _MCV, _CT, _LMT],
      [0, 0, 0, 1, 4, 4],
      5
    ];
    var ModelClientConfig$ = [
      3,
      n0,
      _MCCo,
      0,
      [_ITIS, _IMR],
      [1, 1]
    ];
    var ModelCompilationConfig$ = [
      3,
      n0,
      _MCCod,
      0,
      [_Im, _OEv],
      [0, 128 | 0]
    ];
    var ModelConfiguration$ = [
      3,
      n0,
      _MCode,
      0,
      [_ISN, _EPnvi, _CJN],
      [0, () => EnvironmentParameters, 0]
    ];
    var ModelDashboardEndpoint$ = [
      3,
      n0,
      _MDE,
      0,
      [_EN, _EA, _CT, _LMT, _ES],
      [0, 0, 4, 4, 0],
      5
    ];
    var ModelDashboardIndicatorAction$ = [
      3,
      n0,
      _MDIA,
      0,
      [_Ena],
      [2]
    ];
    var ModelDashboardModel$ = [
      3,
      n0,
      _MDM,
      0,
      [_Mode, _End, _LBTJ, _MSon, _MCod],
      [() => Model$, () => ModelDashboardEndpoints, () => TransformJob$, () => ModelDashboardMonitoringSchedules, () => ModelDashboardModelCard$]
    ];
    var ModelDashboardModelCard$ = [
      3,
      n0,
      _MDMC,
      0,
      [_MCA, _MCN, _MCV, _MCS, _SC, _CT, _CB, _LMT, _LMB, _Ta, _MIo, _RR],
      [0, 0, 1, 0, () => ModelCardSecurityConfig$, 4, () => UserContext$, 4, () => UserContext$, () => TagList, 0, 0]
    ];
    var ModelDashboardMonitoringSchedule$ = [
      3,
      n0,
      _MDMS,
      0,
      [_MSA, _MSN, _MSS, _MTo, _FR, _CT, _LMT, _MSC, _EN, _MASo, _LMES, _BTI],
      [0, 0, 0, 0, 0, 4, 4, () => MonitoringScheduleConfig$, 0, () => MonitoringAlertSummaryList, () => MonitoringExecutionSummary$, () => BatchTransformInput$]
    ];
    var ModelDataQuality$ = [
      3,
      n0,
      _MDQ,
      0,
      [_Stati, _Con],
      [() => MetricsSource$, () => MetricsSource$]
    ];
    var ModelDataSource$ = [
      3,
      n0,
      _MDS,
      0,
      [_SDS],
      [() => S3ModelDataSource$]
    ];
    var ModelDeployConfig$ = [
      3,
      n0,
      _MDC,
      0,
      [_AGEN, _EN],
      [2, 0]
    ];
    var ModelDeployResult$ = [
      3,
      n0,
      _MDR,
      0,
      [_EN],
      [0]
    ];
    var ModelDigests$ = [
      3,
      n0,
      _MDo,
      0,
      [_ADr],
      [0]
    ];
    var ModelExplainabilityAppSpecification$ = [
      3,
      n0,
      _MEAS,
      0,
      [_IU, _CU, _E],
      [0, 0, 128 | 0],
      2
    ];
    var ModelExplainabilityBaselineConfig$ = [
      3,
      n0,
      _MEBC,
      0,
      [_BJN, _CRon],
      [0, () => MonitoringConstraintsResource$]
    ];
    var ModelExplainabilityJobInput$ = [
      3,
      n0,
      _MEJI,
      0,
      [_EIn, _BTI],
      [() => EndpointInput$, () => BatchTransformInput$]
    ];
    var ModelInfrastructureConfig$ = [
      3,
      n0,
      _MICo,
      0,
      [_ITnf, _RTIC],
      [0, () => RealTimeInferenceConfig$],
      2
    ];
    var ModelInput$ = [
      3,
      n0,
      _MIod,
      0,
      [_DICa],
      [0],
      1
    ];
    var ModelLatencyThreshold$ = [
      3,
      n0,
      _MLT,
      0,
      [_Per, _VIM],
      [0, 1]
    ];
    var ModelLifeCycle$ = [
      3,
      n0,
      _MLC,
      0,
      [_Stage, _SSt, _SDta],
      [0, 0, 0],
      2
    ];
    var ModelMetadataFilter$ = [
      3,
      n0,
      _MMF,
      0,
      [_N, _Va],
      [0, 0],
      2
    ];
    var ModelMetadataSearchExpression$ = [
      3,
      n0,
      _MMSE,
      0,
      [_Fil],
      [() => ModelMetadataFilters]
    ];
    var ModelMetadataSummary$ = [
      3,
      n0,
      _MMSo,
      0,
      [_Do, _F, _Tas, _Mode, _FV],
      [0, 0, 0, 0, 0],
      5
    ];
    var ModelMetrics$ = [
      3,
      n0,
      _MM,
      0,
      [_MQ, _MDQ, _B, _Ex],
      [() => ModelQuality$, () => ModelDataQuality$, () => Bias$, () => Explainability$]
    ];
    var ModelPackage$ = [
      3,
      n0,
      _MPo,
      0,
      [_MPN, _MPGN, _MPV, _MPRT, _MPA, _MPD, _CT, _ISn, _SAS, _VSa, _MPSo, _MPSD, _CFM, _MAS, _CB, _MPe, _MM, _LMT, _LMB, _ADpp, _Do, _Tas, _SPU, _AIS, _SU, _SC, _MCod, _MLC, _Ta, _CMP, _DCB, _SMV],
      [0, 0, 1, 0, 0, 0, 4, () => InferenceSpecification$, () => SourceAlgorithmSpecification$, () => ModelPackageValidationSpecification$, 0, () => ModelPackageStatusDetails$, 2, 0, () => UserContext$, () => MetadataProperties$, () => ModelMetrics$, 4, () => UserContext$, 0, 0, 0, 0, () => AdditionalInferenceSpecifications, 0, () => ModelPackageSecurityConfig$, [() => ModelPackageModelCard$, 0], () => ModelLifeCycle$, () => TagList, 128 | 0, () => DriftCheckBaselines$, 0]
    ];
    var ModelPackageConfig$ = [
      3,
      n0,
      _MPC,
      0,
      [_MPGA, _SMPA],
      [0, 0],
      1
    ];
    var ModelPackageContainerDefinition$ = [
      3,
      n0,
      _MPCD,
      0,
      [_CH, _Im, _IDm, _MDU, _MDS, _PIrod, _E, _MIod, _F, _FV, _NMN, _AMDSd, _ASDS, _MDET, _ICs, _BM],
      [0, 0, 0, 0, () => ModelDataSource$, 0, 128 | 0, () => ModelInput$, 0, 0, 0, () => AdditionalModelDataSources, () => AdditionalS3DataSource$, 0, 2, () => BaseModel$]
    ];
    var ModelPackageGroup$ = [
      3,
      n0,
      _MPG,
      0,
      [_MPGN, _MPGA, _MPGD, _CT, _CB, _MPGS, _Ta],
      [0, 0, 0, 4, () => UserContext$, 0, () => TagList]
    ];
    var ModelPackageGroupSummary$ = [
      3,
      n0,
      _MPGSo,
      0,
      [_MPGN, _MPGA, _CT, _MPGS, _MPGD, _MCan],
      [0, 0, 4, 0, 0, () => ManagedConfiguration$],
      4
    ];
    var ModelPackageModelCard$ = [
      3,
      n0,
      _MPMC,
      0,
      [_MCC, _MCS],
      [[() => ModelCardContent, 0], 0]
    ];
    var ModelPackageSecurityConfig$ = [
      3,
      n0,
      _MPSC,
      0,
      [_KKI],
      [0],
      1
    ];
    var ModelPackageStatusDetails$ = [
      3,
      n0,
      _MPSD,
      0,
      [_VS, _ISS],
      [() => ModelPackageStatusItemList, () => ModelPackageStatusItemList],
      1
    ];
    var ModelPackageStatusItem$ = [
      3,
      n0,
      _MPSI,
      0,
      [_N, _St, _FR],
      [0, 0, 0],
      2
    ];
    var ModelPackageSummary$ = [
      3,
      n0,
      _MPSod,
      0,
      [_MPA, _CT, _MPSo, _MPN, _MPGN, _MPV, _MPD, _MAS, _MLC, _MPRT],
      [0, 4, 0, 0, 0, 1, 0, 0, () => ModelLifeCycle$, 0],
      3
    ];
    var ModelPackageValidationProfile$ = [
      3,
      n0,
      _MPVP,
      0,
      [_PN, _TJDr],
      [0, () => TransformJobDefinition$],
      2
    ];
    var ModelPackageValidationSpecification$ = [
      3,
      n0,
      _MPVS,
      0,
      [_VR, _VP],
      [0, () => ModelPackageValidationProfiles],
      2
    ];
    var ModelQuality$ = [
      3,
      n0,
      _MQ,
      0,
      [_Stati, _Con],
      [() => MetricsSource$, () => MetricsSource$]
    ];
    var ModelQualityAppSpecification$ = [
      3,
      n0,
      _MQAS,
      0,
      [_IU, _CEo, _CA, _RPSU, _PAPSU, _PTr, _E],
      [0, 64 | 0, 64 | 0, 0, 0, 0, 128 | 0],
      1
    ];
    var ModelQualityBaselineConfig$ = [
      3,
      n0,
      _MQBC,
      0,
      [_BJN, _CRon],
      [0, () => MonitoringConstraintsResource$]
    ];
    var ModelQualityJobInput$ = [
      3,
      n0,
      _MQJI,
      0,
      [_GTSI, _EIn, _BTI],
      [() => MonitoringGroundTruthS3Input$, () => EndpointInput$, () => BatchTransformInput$],
      1
    ];
    var ModelQuantizationConfig$ = [
      3,
      n0,
      _MQC,
      0,
      [_Im, _OEv],
      [0, 128 | 0]
    ];
    var ModelRegisterSettings$ = [
      3,
      n0,
      _MRS,
      0,
      [_St, _CAMRRA],
      [0, 0]
    ];
    var ModelShardingConfig$ = [
      3,
      n0,
      _MSCo,
      0,
      [_Im, _OEv],
      [0, 128 | 0]
    ];
    var ModelSpeculativeDecodingConfig$ = [
      3,
      n0,
      _MSDC,
      0,
      [_Te, _TDS],
      [0, () => ModelSpeculativeDecodingTrainingDataSource$],
      1
    ];
    var ModelSpeculativeDecodingTrainingDataSource$ = [
      3,
      n0,
      _MSDTDS,
      0,
      [_SUr, _SDT],
      [0, 0],
      2
    ];
    var ModelStepMetadata$ = [
      3,
      n0,
      _MSM,
      0,
      [_Ar],
      [0]
    ];
    var ModelSummary$ = [
      3,
      n0,
      _MSode,
      0,
      [_MNod, _MA, _CT],
      [0, 0, 4],
      3
    ];
    var ModelVariantConfig$ = [
      3,
      n0,
      _MVC,
      0,
      [_MNod, _VN, _ICnfr],
      [0, 0, () => ModelInfrastructureConfig$],
      3
    ];
    var ModelVariantConfigSummary$ = [
      3,
      n0,
      _MVCS,
      0,
      [_MNod, _VN, _ICnfr, _St],
      [0, 0, () => ModelInfrastructureConfig$, 0],
      4
    ];
    var MonitoringAlertActions$ = [
      3,
      n0,
      _MAA,
      0,
      [_MDI],
      [() => ModelDashboardIndicatorAction$]
    ];
    var MonitoringAlertHistorySummary$ = [
      3,
      n0,
      _MAHS,
      0,
      [_MSN, _MAN, _CT, _ASle],
      [0, 0, 4, 0],
      4
    ];
    var MonitoringAlertSummary$ = [
      3,
      n0,
      _MASon,
      0,
      [_MAN, _CT, _LMT, _ASle, _DTA, _EPv, _Act],
      [0, 4, 4, 0, 1, 1, () => MonitoringAlertActions$],
      7
    ];
    var MonitoringAppSpecification$ = [
      3,
      n0,
      _MASoni,
      0,
      [_IU, _CEo, _CA, _RPSU, _PAPSU],
      [0, 64 | 0, 64 | 0, 0, 0],
      1
    ];
    var MonitoringBaselineConfig$ = [
      3,
      n0,
      _MBC,
      0,
      [_BJN, _CRon, _SR],
      [0, () => MonitoringConstraintsResource$, () => MonitoringStatisticsResource$]
    ];
    var MonitoringClusterConfig$ = [
      3,
      n0,
      _MCCon,
      0,
      [_ICn, _ITn, _VSIGB, _VKKI],
      [1, 0, 1, 0],
      3
    ];
    var MonitoringConstraintsResource$ = [
      3,
      n0,
      _MCR,
      0,
      [_SUr],
      [0]
    ];
    var MonitoringCsvDatasetFormat$ = [
      3,
      n0,
      _MCDF,
      0,
      [_He],
      [2]
    ];
    var MonitoringDatasetFormat$ = [
      3,
      n0,
      _MDF,
      0,
      [_Cs, _Js, _Pa],
      [() => MonitoringCsvDatasetFormat$, () => MonitoringJsonDatasetFormat$, () => MonitoringParquetDatasetFormat$]
    ];
    var MonitoringExecutionSummary$ = [
      3,
      n0,
      _MESo,
      0,
      [_MSN, _STch, _CT, _LMT, _MESon, _PJA, _EN, _FR, _MJDN, _MTo],
      [0, 4, 4, 4, 0, 0, 0, 0, 0, 0],
      5
    ];
    var MonitoringGroundTruthS3Input$ = [
      3,
      n0,
      _MGTSI,
      0,
      [_SUr],
      [0]
    ];
    var MonitoringInput$ = [
      3,
      n0,
      _MIon,
      0,
      [_EIn, _BTI],
      [() => EndpointInput$, () => BatchTransformInput$]
    ];
    var MonitoringJobDefinition$ = [
      3,
      n0,
      _MJD,
      0,
      [_MIoni, _MOC, _MRo, _MASoni, _RAo, _BCa, _SCt, _E, _NCe],
      [() => MonitoringInputs, () => MonitoringOutputConfig$, () => MonitoringResources$, () => MonitoringAppSpecification$, 0, () => MonitoringBaselineConfig$, () => MonitoringStoppingCondition$, 128 | 0, () => NetworkConfig$],
      5
    ];
    var MonitoringJobDefinitionSummary$ = [
      3,
      n0,
      _MJDS,
      0,
      [_MJDN, _MJDA, _CT, _EN],
      [0, 0, 4, 0],
      4
    ];
    var MonitoringJsonDatasetFormat$ = [
      3,
      n0,
      _MJDF,
      0,
      [_Li],
      [2]
    ];
    var MonitoringNetworkConfig$ = [
      3,
      n0,
      _MNCo,
      0,
      [_EICTE, _ENI, _VC],
      [2, 2, () => VpcConfig$]
    ];
    var MonitoringOutput$ = [
      3,
      n0,
      _MO,
      0,
      [_SOu],
      [() => MonitoringS3Output$],
      1
    ];
    var MonitoringOutputConfig$ = [
      3,
      n0,
      _MOC,
      0,
      [_MOo, _KKI],
      [() => MonitoringOutputs, 0],
      1
    ];
    var MonitoringParquetDatasetFormat$ = [
      3,
      n0,
      _MPDF,
      0,
      [],
      []
    ];
    var MonitoringResources$ = [
      3,
      n0,
      _MRo,
      0,
      [_CCl],
      [() => MonitoringClusterConfig$],
      1
    ];
    var MonitoringS3Output$ = [
      3,
      n0,
      _MSO,
      0,
      [_SUr, _LP, _SUM],
      [0, 0, 0],
      2
    ];
    var MonitoringSchedule$ = [
      3,
      n0,
      _MSoni,
      0,
      [_MSA, _MSN, _MSS, _MTo, _FR, _CT, _LMT, _MSC, _EN, _LMES, _Ta],
      [0, 0, 0, 0, 0, 4, 4, () => MonitoringScheduleConfig$, 0, () => MonitoringExecutionSummary$, () => TagList]
    ];
    var MonitoringScheduleConfig$ = [
      3,
      n0,
      _MSC,
      0,
      [_SCche, _MJD, _MJDN, _MTo],
      [() => ScheduleConfig$, () => MonitoringJobDefinition$, 0, 0]
    ];
    var MonitoringScheduleSummary$ = [
      3,
      n0,
      _MSSon,
      0,
      [_MSN, _MSA, _CT, _LMT, _MSS, _EN, _MJDN, _MTo],
      [0, 0, 4, 4, 0, 0, 0, 0],
      5
    ];
    var MonitoringStatisticsResource$ = [
      3,
      n0,
      _MSR,
      0,
      [_SUr],
      [0]
    ];
    var MonitoringStoppingCondition$ = [
      3,
      n0,
      _MSCon,
      0,
      [_MRIS],
      [1],
      1
    ];
    var MultiModelConfig$ = [
      3,
      n0,
      _MMC,
      0,
      [_MCSode],
      [0]
    ];
    var NeoVpcConfig$ = [
      3,
      n0,
      _NVC,
      0,
      [_SGI, _Sub],
      [64 | 0, 64 | 0],
      2
    ];
    var NestedFilters$ = [
      3,
      n0,
      _NF,
      0,
      [_NPN, _Fil],
      [0, () => FilterList],
      2
    ];
    var NetworkConfig$ = [
      3,
      n0,
      _NCe,
      0,
      [_EICTE, _ENI, _VC],
      [2, 2, () => VpcConfig$]
    ];
    var NodeAdditionResult$ = [
      3,
      n0,
      _NAR,
      0,
      [_NLI, _IGN, _St, _AZ, _IT],
      [0, 0, 0, 64 | 0, 64 | 0],
      3
    ];
    var NotebookInstanceLifecycleConfigSummary$ = [
      3,
      n0,
      _NILCS,
      0,
      [_NILCN, _NILCA, _CT, _LMT],
      [0, 0, 4, 4],
      2
    ];
    var NotebookInstanceLifecycleHook$ = [
      3,
      n0,
      _NILH,
      0,
      [_Cont],
      [0]
    ];
    var NotebookInstanceSummary$ = [
      3,
      n0,
      _NISo,
      0,
      [_NIN, _NIA, _NIS, _Ur, _ITn, _CT, _LMT, _NILCN, _DCR, _ACR],
      [0, 0, 0, 0, 0, 4, 4, 0, 0, 64 | 0],
      2
    ];
    var NotificationConfiguration$ = [
      3,
      n0,
      _NCo,
      0,
      [_NTAo],
      [0]
    ];
    var ObjectiveStatusCounters$ = [
      3,
      n0,
      _OSCb,
      0,
      [_Succ, _Pen, _Fa],
      [1, 1, 1]
    ];
    var OfflineStoreConfig$ = [
      3,
      n0,
      _OSCf,
      0,
      [_SSC, _DGTC, _DCCa, _TF],
      [() => S3StorageConfig$, 2, () => DataCatalogConfig$, 0],
      1
    ];
    var OfflineStoreStatus$ = [
      3,
      n0,
      _OSS,
      0,
      [_St, _BRl],
      [0, 0],
      1
    ];
    var OidcConfig$ = [
      3,
      n0,
      _OCi,
      0,
      [_CIl, _CS, _Is, _AEu, _TE, _UIE, _LE, _JU, _Sco, _AREP],
      [0, [() => ClientSecret, 0], 0, 0, 0, 0, 0, 0, 0, 128 | 0],
      8
    ];
    var OidcConfigForResponse$ = [
      3,
      n0,
      _OCFR,
      0,
      [_CIl, _Is, _AEu, _TE, _UIE, _LE, _JU, _Sco, _AREP],
      [0, 0, 0, 0, 0, 0, 0, 0, 128 | 0]
    ];
    var OidcMemberDefinition$ = [
      3,
      n0,
      _OMD,
      0,
      [_Gr],
      [64 | 0]
    ];
    var OnlineStoreConfig$ = [
      3,
      n0,
      _OSC,
      0,
      [_SC, _EOS, _TDt, _STto],
      [() => OnlineStoreSecurityConfig$, 2, () => TtlDuration$, 0]
    ];
    var OnlineStoreConfigUpdate$ = [
      3,
      n0,
      _OSCU,
      0,
      [_TDt, _STto],
      [() => TtlDuration$, 0]
    ];
    var OnlineStoreSecurityConfig$ = [
      3,
      n0,
      _OSSC,
      0,
      [_KKI],
      [0]
    ];
    var OptimizationJobModelSource$ = [
      3,
      n0,
      _OJMS,
      0,
      [_S_, _SMM],
      [() => OptimizationJobModelSourceS3$, () => OptimizationSageMakerModel$]
    ];
    var OptimizationJobModelSourceS3$ = [
      3,
      n0,
      _OJMSS,
      0,
      [_SUr, _MAC],
      [0, () => OptimizationModelAccessConfig$]
    ];
    var OptimizationJobOutputConfig$ = [
      3,
      n0,
      _OJOC,
      0,
      [_SOL, _KKI, _SMM],
      [0, 0, () => OptimizationSageMakerModel$],
      1
    ];
    var OptimizationJobSummary$ = [
      3,
      n0,
      _OJSpt,
      0,
      [_OJN, _OJA, _CT, _OJS, _DITe, _OTp, _OST, _OET, _LMT, _MICa],
      [0, 0, 4, 0, 0, 64 | 0, 4, 4, 4, 1],
      6
    ];
    var OptimizationModelAccessConfig$ = [
      3,
      n0,
      _OMAC,
      0,
      [_AEc],
      [2],
      1
    ];
    var OptimizationOutput$ = [
      3,
      n0,
      _OO,
      0,
      [_RII],
      [0]
    ];
    var OptimizationSageMakerModel$ = [
      3,
      n0,
      _OSMM,
      0,
      [_MNod],
      [0]
    ];
    var OptimizationVpcConfig$ = [
      3,
      n0,
      _OVCp,
      0,
      [_SGI, _Sub],
      [64 | 0, 64 | 0],
      2
    ];
    var OutputConfig$ = [
      3,
      n0,
      _OCu,
      0,
      [_SOL, _TDa, _TPa, _COo, _KKI],
      [0, 0, () => TargetPlatform$, 0, 0],
      1
    ];
    var OutputDataConfig$ = [
      3,
      n0,
      _ODC,
      0,
      [_SOP, _KKI, _CTo],
      [0, 0, 0],
      1
    ];
    var OutputParameter$ = [
      3,
      n0,
      _OPu,
      0,
      [_N, _Va],
      [0, 0],
      2
    ];
    var OwnershipSettings$ = [
      3,
      n0,
      _OSw,
      0,
      [_OUPN],
      [0],
      1
    ];
    var OwnershipSettingsSummary$ = [
      3,
      n0,
      _OSSw,
      0,
      [_OUPN],
      [0]
    ];
    var ParallelismConfiguration$ = [
      3,
      n0,
      _PCa,
      0,
      [_MPES],
      [1],
      1
    ];
    var Parameter$ = [
      3,
      n0,
      _Par,
      0,
      [_N, _Va],
      [0, 0],
      2
    ];
    var ParameterRange$ = [
      3,
      n0,
      _PRar,
      0,
      [_IPRS, _CPRSo, _CPRS],
      [() => IntegerParameterRangeSpecification$, () => ContinuousParameterRangeSpecification$, () => CategoricalParameterRangeSpecification$]
    ];
    var ParameterRanges$ = [
      3,
      n0,
      _PRa,
      0,
      [_IPRn, _CPRon, _CPRa, _APu],
      [() => IntegerParameterRanges, () => ContinuousParameterRanges, () => CategoricalParameterRanges, () => AutoParameters]
    ];
    var Parent$ = [
      3,
      n0,
      _Pare,
      0,
      [_TN, _ENx],
      [0, 0]
    ];
    var ParentHyperParameterTuningJob$ = [
      3,
      n0,
      _PHPTJa,
      0,
      [_HPTJN],
      [0]
    ];
    var PartnerAppConfig$ = [
      3,
      n0,
      _PAC,
      0,
      [_AUd, _Arg, _AGP, _RGA],
      [64 | 0, 128 | 0, 64 | 0, () => RoleGroupAssignmentsList]
    ];
    var PartnerAppMaintenanceConfig$ = [
      3,
      n0,
      _PAMC,
      0,
      [_MWS],
      [0]
    ];
    var PartnerAppSummary$ = [
      3,
      n0,
      _PAS,
      0,
      [_Ar, _N, _T, _St, _CT],
      [0, 0, 0, 0, 4]
    ];
    var PendingDeploymentSummary$ = [
      3,
      n0,
      _PDS,
      0,
      [_ECN, _PV, _STt, _SPV],
      [0, () => PendingProductionVariantSummaryList, 4, () => PendingProductionVariantSummaryList],
      1
    ];
    var PendingProductionVariantSummary$ = [
      3,
      n0,
      _PPVS,
      0,
      [_VN, _DIep, _CW, _DW, _CICu, _DIC, _ITn, _IPns, _ATcc, _VSar, _CSCu, _DSCes, _MIS, _RCo],
      [0, () => DeployedImages, 1, 1, 1, 1, 0, () => InstancePoolSummaryList, 0, () => ProductionVariantStatusList, () => ProductionVariantServerlessConfig$, () => ProductionVariantServerlessConfig$, () => ProductionVariantManagedInstanceScaling$, () => ProductionVariantRoutingConfig$],
      1
    ];
    var Phase$ = [
      3,
      n0,
      _Ph,
      0,
      [_INOU, _SRp, _DIS],
      [1, 1, 1]
    ];
    var Pipeline$ = [
      3,
      n0,
      _Pi,
      0,
      [_PAi, _PNi, _PDN, _PDi, _RAo, _PSi, _CT, _LMT, _LRT, _CB, _LMB, _PCa, _Ta],
      [0, 0, 0, 0, 0, 0, 4, 4, 4, () => UserContext$, () => UserContext$, () => ParallelismConfiguration$, () => TagList]
    ];
    var PipelineDefinitionS3Location$ = [
      3,
      n0,
      _PDSL,
      0,
      [_Bu, _OK, _VIe],
      [0, 0, 0],
      2
    ];
    var PipelineExecution$ = [
      3,
      n0,
      _PE,
      0,
      [_PAi, _PEA, _PEDN, _PES, _PED, _PEC, _FR, _CT, _LMT, _CB, _LMB, _PCa, _SECe, _PP, _PVI, _PVDN],
      [0, 0, 0, 0, 0, () => PipelineExperimentConfig$, 0, 4, 4, () => UserContext$, () => UserContext$, () => ParallelismConfiguration$, () => SelectiveExecutionConfig$, () => ParameterList, 1, 0]
    ];
    var PipelineExecutionStep$ = [
      3,
      n0,
      _PESipe,
      0,
      [_SNte, _SDNt, _SDte, _STt, _ETn, _SSte, _CHR, _FR, _Meta, _ACt, _SER],
      [0, 0, 0, 4, 4, 0, () => CacheHitResult$, 0, () => PipelineExecutionStepMetadata$, 1, () => SelectiveExecutionResult$]
    ];
    var PipelineExecutionStepMetadata$ = [
      3,
      n0,
      _PESM,
      0,
      [_TJ, _PJ, _TJr, _TJu, _Mode, _RMe, _Cond, _Cal, _Lam, _EMR, _QC, _CCla, _Fai, _AMLJ, _En, _ECndpo, _BCM, _BCMD, _BPMT, _BMI, _ICnfer, _Lin, _J],
      [() => TrainingJobStepMetadata$, () => ProcessingJobStepMetadata$, () => TransformJobStepMetadata$, () => TuningJobStepMetaData$, () => ModelStepMetadata$, () => RegisterModelStepMetadata$, () => ConditionStepMetadata$, () => CallbackStepMetadata$, () => LambdaStepMetadata$, () => EMRStepMetadata$, () => QualityCheckStepMetadata$, () => ClarifyCheckStepMetadata$, () => FailStepMetadata$, () => AutoMLJobStepMetadata$, () => EndpointStepMetadata$, () => EndpointConfigStepMetadata$, () => BedrockCustomModelMetadata$, () => BedrockCustomModelDeploymentMetadata$, () => BedrockProvisionedModelThroughputMetadata$, () => BedrockModelImportMetadata$, () => InferenceComponentMetadata$, () => LineageMetadata$, () => JobStepMetadata$]
    ];
    var PipelineExecutionSummary$ = [
      3,
      n0,
      _PESipel,
      0,
      [_PEA, _STt, _PES, _PED, _PEDN, _PEFR],
      [0, 4, 0, 0, 0, 0]
    ];
    var PipelineExperimentConfig$ = [
      3,
      n0,
      _PEC,
      0,
      [_ENx, _TN],
      [0, 0]
    ];
    var PipelineSummary$ = [
      3,
      n0,
      _PSipe,
      0,
      [_PAi, _PNi, _PDN, _PDi, _RAo, _CT, _LMT, _LET],
      [0, 0, 0, 0, 0, 4, 4, 4]
    ];
    var PipelineVersion$ = [
      3,
      n0,
      _PVi,
      0,
      [_PAi, _PVI, _PVDN, _PVD, _CT, _LMT, _CB, _LMB, _LEPEA, _LEPEDN, _LEPES],
      [0, 1, 0, 0, 4, 4, () => UserContext$, () => UserContext$, 0, 0, 0]
    ];
    var PipelineVersionSummary$ = [
      3,
      n0,
      _PVSi,
      0,
      [_PAi, _PVI, _CT, _PVD, _PVDN, _LEPEAa],
      [0, 1, 4, 0, 0, 0]
    ];
    var PlacementSpecification$ = [
      3,
      n0,
      _PSlace,
      0,
      [_ICn, _USIl],
      [1, 0],
      1
    ];
    var PredefinedMetricSpecification$ = [
      3,
      n0,
      _PMS,
      0,
      [_PMT],
      [0]
    ];
    var PrefixAwareRoutingConfig$ = [
      3,
      n0,
      _PARC,
      0,
      [_PLr, _CTonc],
      [1, 1]
    ];
    var PresignedUrlAccessConfig$ = [
      3,
      n0,
      _PUAC,
      0,
      [_AEc, _ESU],
      [2, 0]
    ];
    var PriorityClass$ = [
      3,
      n0,
      _PCri,
      0,
      [_N, _We],
      [0, 1],
      2
    ];
    var ProcessingClusterConfig$ = [
      3,
      n0,
      _PCC,
      0,
      [_VSIGB, _ICn, _ITn, _VKKI, _IPnst, _SITe, _SICe],
      [1, 1, 0, 0, () => ProcessingInstancePreferenceList, 0, 1],
      1
    ];
    var ProcessingFeatureStoreOutput$ = [
      3,
      n0,
      _PFSO,
      0,
      [_FGN],
      [0],
      1
    ];
    var ProcessingInput$ = [
      3,
      n0,
      _PIroc,
      0,
      [_INn, _AMp, _SIn, _DD],
      [0, 2, () => ProcessingS3Input$, () => DatasetDefinition$],
      1
    ];
    var ProcessingInstancePreference$ = [
      3,
      n0,
      _PIP,
      0,
      [_ITn, _ICn],
      [0, 1],
      1
    ];
    var ProcessingJob$ = [
      3,
      n0,
      _PJ,
      0,
      [_PIr, _POC, _PJN, _PR, _SCt, _ASp, _E, _NCe, _RAo, _ECxp, _PJA, _PJS, _EMx, _FR, _PET, _PST, _LMT, _CT, _MSA, _AMLJAu, _TJA, _Ta],
      [() => ProcessingInputs, () => ProcessingOutputConfig$, 0, () => ProcessingResources$, () => ProcessingStoppingCondition$, () => AppSpecification$, 128 | 0, () => NetworkConfig$, 0, () => ExperimentConfig$, 0, 0, 0, 0, 4, 4, 4, 4, 0, 0, 0, () => TagList]
    ];
    var ProcessingJobStepMetadata$ = [
      3,
      n0,
      _PJSM,
      0,
      [_Ar],
      [0]
    ];
    var ProcessingJobSummary$ = [
      3,
      n0,
      _PJSro,
      0,
      [_PJN, _PJA, _CT, _PJS, _PET, _LMT, _FR, _EMx],
      [0, 0, 4, 0, 4, 4, 0, 0],
      4
    ];
    var ProcessingOutput$ = [
      3,
      n0,
      _PO,
      0,
      [_ON, _SOu, _FSO, _AMp],
      [0, () => ProcessingS3Output$, () => ProcessingFeatureStoreOutput$, 2],
      1
    ];
    var ProcessingOutputConfig$ = [
      3,
      n0,
      _POC,
      0,
      [_Ou, _KKI],
      [() => ProcessingOutputs, 0],
      1
    ];
    var ProcessingResources$ = [
      3,
      n0,
      _PR,
      0,
      [_CCl],
      [() => ProcessingClusterConfig$],
      1
    ];
    var ProcessingS3Input$ = [
      3,
      n0,
      _PSI,
      0,
      [_SUr, _SDT, _LP, _SIM, _SDDT, _SCTo],
      [0, 0, 0, 0, 0, 0],
      2
    ];
    var ProcessingS3Output$ = [
      3,
      n0,
      _PSO,
      0,
      [_SUr, _SUM, _LP],
      [0, 0, 0],
      2
    ];
    var ProcessingStoppingCondition$ = [
      3,
      n0,
      _PSC,
      0,
      [_MRIS],
      [1],
      1
    ];
    var ProductionVariant$ = [
      3,
      n0,
      _PVr,
      0,
      [_VN, _MNod, _IIC, _ITn, _IPns, _VIPTIS, _IVW, _ATcc, _CDCo, _SCe, _VSIGB, _MDDTIS, _CSHCTIS, _ESSMA, _MIS, _RCo, _IAV, _CRC],
      [0, 0, 1, 0, () => InstancePoolList, 1, 1, 0, () => ProductionVariantCoreDumpConfig$, () => ProductionVariantServerlessConfig$, 1, 1, 1, 2, () => ProductionVariantManagedInstanceScaling$, () => ProductionVariantRoutingConfig$, 0, () => ProductionVariantCapacityReservationConfig$],
      1
    ];
    var ProductionVariantCapacityReservationConfig$ = [
      3,
      n0,
      _PVCRC,
      0,
      [_CRP, _MRAle],
      [0, 0]
    ];
    var ProductionVariantCapacityReservationSummary$ = [
      3,
      n0,
      _PVCRS,
      0,
      [_MRAle, _CRP, _TICo, _AICv, _UBCE, _ECRc],
      [0, 0, 1, 1, 1, () => Ec2CapacityReservationsList]
    ];
    var ProductionVariantCoreDumpConfig$ = [
      3,
      n0,
      _PVCDC,
      0,
      [_DSU, _KKI],
      [0, 0],
      1
    ];
    var ProductionVariantManagedInstanceScaling$ = [
      3,
      n0,
      _PVMIS,
      0,
      [_St, _MIC, _MICa, _SIP],
      [0, 1, 1, () => ProductionVariantManagedInstanceScalingScaleInPolicy$]
    ];
    var ProductionVariantManagedInstanceScalingScaleInPolicy$ = [
      3,
      n0,
      _PVMISSIP,
      0,
      [_Str, _MSSa, _CIM],
      [0, 1, 1],
      1
    ];
    var ProductionVariantRoutingConfig$ = [
      3,
      n0,
      _PVRC,
      0,
      [_RSo, _PARC],
      [0, () => PrefixAwareRoutingConfig$],
      1
    ];
    var ProductionVariantServerlessConfig$ = [
      3,
      n0,
      _PVSC,
      0,
      [_MSIMB, _MCaxo, _PCro],
      [1, 1, 1],
      2
    ];
    var ProductionVariantServerlessUpdateConfig$ = [
      3,
      n0,
      _PVSUC,
      0,
      [_MCaxo, _PCro],
      [1, 1]
    ];
    var ProductionVariantStatus$ = [
      3,
      n0,
      _PVSr,
      0,
      [_St, _SM, _STt],
      [0, 0, 4],
      1
    ];
    var ProductionVariantSummary$ = [
      3,
      n0,
      _PVSro,
      0,
      [_VN, _DIep, _CW, _DW, _CICu, _DIC, _IPns, _VSar, _CSCu, _DSCes, _MIS, _RCo, _CRC],
      [0, () => DeployedImages, 1, 1, 1, 1, () => InstancePoolSummaryList, () => ProductionVariantStatusList, () => ProductionVariantServerlessConfig$, () => ProductionVariantServerlessConfig$, () => ProductionVariantManagedInstanceScaling$, () => ProductionVariantRoutingConfig$, () => ProductionVariantCapacityReservationSummary$],
      1
    ];
    var ProfilerConfig$ = [
      3,
      n0,
      _PCr,
      0,
      [_SOP, _PIIM, _PPr, _DPis],
      [0, 1, 128 | 0, 2]
    ];
    var ProfilerConfigForUpdate$ = [
      3,
      n0,
      _PCFU,
      0,
      [_SOP, _PIIM, _PPr, _DPis],
      [0, 1, 128 | 0, 2]
    ];
    var ProfilerRuleConfiguration$ = [
      3,
      n0,
      _PRCr,
      0,
      [_RCN, _REI, _LP, _SOP, _ITn, _VSIGB, _RP],
      [0, 0, 0, 0, 0, 1, 128 | 0],
      2
    ];
    var ProfilerRuleEvaluationStatus$ = [
      3,
      n0,
      _PRESr,
      0,
      [_RCN, _REJA, _RES, _SDt, _LMT],
      [0, 0, 0, 0, 4]
    ];
    var Project$ = [
      3,
      n0,
      _Proj,
      0,
      [_PAr, _PNr, _PIro, _PDr, _SCPD, _SCPPD, _PSr, _CB, _CT, _TPD, _Ta, _LMT, _LMB],
      [0, 0, 0, 0, () => ServiceCatalogProvisioningDetails$, () => ServiceCatalogProvisionedProductDetails$, 0, () => UserContext$, 4, () => TemplateProviderDetailList, () => TagList, 4, () => UserContext$]
    ];
    var ProjectSummary$ = [
      3,
      n0,
      _PSroj,
      0,
      [_PNr, _PAr, _PIro, _CT, _PSr, _PDr],
      [0, 0, 0, 4, 0, 0],
      5
    ];
    var PropertyNameQuery$ = [
      3,
      n0,
      _PNQ,
      0,
      [_PNH],
      [0],
      1
    ];
    var PropertyNameSuggestion$ = [
      3,
      n0,
      _PNSr,
      0,
      [_PNro],
      [0]
    ];
    var ProvisioningParameter$ = [
      3,
      n0,
      _PPro,
      0,
      [_K, _Va],
      [0, 0]
    ];
    var PublicWorkforceTaskPrice$ = [
      3,
      n0,
      _PWTP,
      0,
      [_AIU],
      [() => USD$]
    ];
    var PutModelPackageGroupPolicyInput$ = [
      3,
      n0,
      _PMPGPI,
      0,
      [_MPGN, _RPes],
      [0, 0],
      2
    ];
    var PutModelPackageGroupPolicyOutput$ = [
      3,
      n0,
      _PMPGPO,
      0,
      [_MPGA],
      [0],
      1
    ];
    var QualityCheckStepMetadata$ = [
      3,
      n0,
      _QCSM,
      0,
      [_CThe, _BUFDCS, _BUFDCC, _CBS, _CBC, _MPGN, _VRi, _CJA, _SCk, _RNB],
      [0, 0, 0, 0, 0, 0, 0, 0, 2, 2]
    ];
    var QueryFilters$ = [
      3,
      n0,
      _QF,
      0,
      [_Ty, _LTi, _CBr, _CAre, _MB, _MAodi, _Pr],
      [64 | 0, 64 | 0, 4, 4, 4, 4, 128 | 0]
    ];
    var QueryLineageRequest$ = [
      3,
      n0,
      _QLR,
      0,
      [_SAt, _Di, _IEn, _Fil, _MDa, _MR, _NTe],
      [64 | 0, 0, 2, () => QueryFilters$, 1, 1, 0]
    ];
    var QueryLineageResponse$ = [
      3,
      n0,
      _QLRu,
      0,
      [_Ve, _Edg, _NTe],
      [() => Vertices, () => Edges, 0]
    ];
    var RealTimeInferenceConfig$ = [
      3,
      n0,
      _RTIC,
      0,
      [_ITn, _ICn],
      [0, 1],
      2
    ];
    var RealTimeInferenceRecommendation$ = [
      3,
      n0,
      _RTIRe,
      0,
      [_RIe, _ITn, _E],
      [0, 0, 128 | 0],
      2
    ];
    var RecommendationJobCompiledOutputConfig$ = [
      3,
      n0,
      _RJCOC,
      0,
      [_SOU],
      [0]
    ];
    var RecommendationJobContainerConfig$ = [
      3,
      n0,
      _RJCC,
      0,
      [_Do, _Tas, _F, _FV, _PCay, _NMN, _SITu, _SET, _DICa, _SRMIMET],
      [0, 0, 0, 0, () => RecommendationJobPayloadConfig$, 0, 64 | 0, 0, 0, 64 | 0]
    ];
    var RecommendationJobInferenceBenchmark$ = [
      3,
      n0,
      _RJIB,
      0,
      [_MCode, _Met, _EMnd, _ECnd, _FR, _IET, _IST],
      [() => ModelConfiguration$, () => RecommendationMetrics$, () => InferenceMetrics$, () => EndpointOutputConfiguration$, 0, 4, 4],
      1
    ];
    var RecommendationJobInputConfig$ = [
      3,
      n0,
      _RJIC,
      0,
      [_MPVA, _MNod, _JDIS, _TPr, _RLe, _ECndpoi, _VKKI, _CCon, _End, _VC],
      [0, 0, 1, () => TrafficPattern$, () => RecommendationJobResourceLimit$, () => EndpointInputConfigurations, 0, () => RecommendationJobContainerConfig$, () => Endpoints, () => RecommendationJobVpcConfig$]
    ];
    var RecommendationJobOutputConfig$ = [
      3,
      n0,
      _RJOC,
      0,
      [_KKI, _COCo],
      [0, () => RecommendationJobCompiledOutputConfig$]
    ];
    var RecommendationJobPayloadConfig$ = [
      3,
      n0,
      _RJPC,
      0,
      [_SPU, _SCT],
      [0, 64 | 0]
    ];
    var RecommendationJobResourceLimit$ = [
      3,
      n0,
      _RJRL,
      0,
      [_MNOT, _MPOT],
      [1, 1]
    ];
    var RecommendationJobStoppingConditions$ = [
      3,
      n0,
      _RJSC,
      0,
      [_MIax, _MLTo, _FI],
      [1, () => ModelLatencyThresholds, 0]
    ];
    var RecommendationJobVpcConfig$ = [
      3,
      n0,
      _RJVC,
      0,
      [_SGI, _Sub],
      [64 | 0, 64 | 0],
      2
    ];
    var RecommendationMetrics$ = [
      3,
      n0,
      _RMec,
      0,
      [_CPH, _CPIo, _MIax, _ML, _CUp, _MU, _MSTo],
      [1, 1, 1, 1, 1, 1, 1]
    ];
    var RedshiftDatasetDefinition$ = [
      3,
      n0,
      _RDD,
      0,
      [_CIlu, _Da, _DUb, _QS, _CRAl, _OSU, _OF, _KKI, _OCut],
      [0, 0, 0, 0, 0, 0, 0, 0, 0],
      7
    ];
    var RegisterDevicesRequest$ = [
      3,
      n0,
      _RDR,
      0,
      [_DFN, _Dev, _Ta],
      [0, () => Devices, () => TagList],
      2
    ];
    var RegisterModelStepMetadata$ = [
      3,
      n0,
      _RMSM,
      0,
      [_Ar],
      [0]
    ];
    var RemoteDebugConfig$ = [
      3,
      n0,
      _RDC,
      0,
      [_ERD],
      [2]
    ];
    var RemoteDebugConfigForUpdate$ = [
      3,
      n0,
      _RDCFU,
      0,
      [_ERD],
      [2]
    ];
    var RenderableTask$ = [
      3,
      n0,
      _RTen,
      0,
      [_In],
      [0],
      1
    ];
    var RenderingError$ = [
      3,
      n0,
      _RE,
      0,
      [_Cod, _M],
      [0, 0],
      2
    ];
    var RenderUiTemplateRequest$ = [
      3,
      n0,
      _RUTR,
      0,
      [_Tas, _RAo, _UT, _HTUA],
      [() => RenderableTask$, 0, () => UiTemplate$, 0],
      2
    ];
    var RenderUiTemplateResponse$ = [
      3,
      n0,
      _RUTRe,
      0,
      [_RCen, _Err],
      [0, () => RenderingErrorList],
      2
    ];
    var RepositoryAuthConfig$ = [
      3,
      n0,
      _RAC,
      0,
      [_RCPA],
      [0],
      1
    ];
    var ReservedCapacityOffering$ = [
      3,
      n0,
      _RCO,
      0,
      [_ITn, _ICn, _RCT, _UST, _USC, _AZv, _DH, _DM, _STt, _ETn, _EST, _EET],
      [0, 1, 0, 0, 1, 0, 1, 1, 4, 4, 4, 4],
      2
    ];
    var ReservedCapacitySummary$ = [
      3,
      n0,
      _RCSe,
      0,
      [_RCA, _ITn, _TICo, _St, _RCT, _UST, _USC, _AZv, _AZI, _DH, _DM, _STt, _ETn],
      [0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 4, 4],
      4
    ];
    var ResolvedAttributes$ = [
      3,
      n0,
      _RAe,
      0,
      [_AMLJO, _PTr, _CCo],
      [() => AutoMLJobObjective$, 0, () => AutoMLJobCompletionCriteria$]
    ];
    var ResourceCatalog$ = [
      3,
      n0,
      _RCeso,
      0,
      [_RCAe, _RCNe, _D, _CT],
      [0, 0, 0, 4],
      4
    ];
    var ResourceConfig$ = [
      3,
      n0,
      _RCe,
      0,
      [_ITn, _ICn, _VSIGB, _VKKI, _KAPIS, _IG, _TPA, _IPCn, _IPnst, _SITe, _SICe],
      [0, 1, 1, 0, 1, () => InstanceGroups, 0, () => InstancePlacementConfig$, () => InstancePreferenceList, 0, 1]
    ];
    var ResourceConfigForUpdate$ = [
      3,
      n0,
      _RCFU,
      0,
      [_KAPIS],
      [1],
      1
    ];
    var ResourceLimits$ = [
      3,
      n0,
      _RL,
      0,
      [_MPTJ, _MNOTJ, _MRIS],
      [1, 1, 1],
      1
    ];
    var ResourceSharingConfig$ = [
      3,
      n0,
      _RSC,
      0,
      [_Str, _BL, _ABL],
      [0, 1, () => AbsoluteBorrowLimitResourceList],
      1
    ];
    var ResourceSpec$ = [
      3,
      n0,
      _RS,
      0,
      [_SMIA, _SMIVAa, _SMIVAag, _ITn, _LCAi, _TPA],
      [0, 0, 0, 0, 0, 0]
    ];
    var RetentionPolicy$ = [
      3,
      n0,
      _RPe,
      0,
      [_HEFS],
      [0]
    ];
    var RetryPipelineExecutionRequest$ = [
      3,
      n0,
      _RPER,
      0,
      [_PEA, _CRT, _PCa],
      [0, [0, 4], () => ParallelismConfiguration$],
      1
    ];
    var RetryPipelineExecutionResponse$ = [
      3,
      n0,
      _RPERe,
      0,
      [_PEA],
      [0]
    ];
    var RetryStrategy$ = [
      3,
      n0,
      _RSe,
      0,
      [_MRAa],
      [1],
      1
    ];
    var RoleGroupAssignment$ = [
      3,
      n0,
      _RGAo,
      0,
      [_RNo, _GP],
      [0, 64 | 0],
      2
    ];
    var RollingDeploymentPolicy$ = [
      3,
      n0,
      _RDP,
      0,
      [_MBS, _RMBS],
      [() => CapacitySizeConfig$, () => CapacitySizeConfig$],
      1
    ];
    var RollingUpdatePolicy$ = [
      3,
      n0,
      _RUP,
      0,
      [_MBS, _WIIS, _METIS, _RMBS],
      [() => CapacitySize$, 1, 1, () => CapacitySize$],
      2
    ];
    var RSessionAppSettings$ = [
      3,
      n0,
      _RSAS,
      0,
      [_DRS, _CI],
      [() => ResourceSpec$, () => CustomImages]
    ];
    var RStudioServerProAppSettings$ = [
      3,
      n0,
      _RSSPAS,
      0,
      [_AScc, _UG],
      [0, 0]
    ];
    var RStudioServerProDomainSettings$ = [
      3,
      n0,
      _RSSPDS,
      0,
      [_DERA, _RSCU, _RSPMU, _DRS],
      [0, 0, 0, () => ResourceSpec$],
      1
    ];
    var RStudioServerProDomainSettingsForUpdate$ = [
      3,
      n0,
      _RSSPDSFU,
      0,
      [_DERA, _DRS, _RSCU, _RSPMU],
      [0, () => ResourceSpec$, 0, 0],
      1
    ];
    var S3DataSource$ = [
      3,
      n0,
      _SDS,
      0,
      [_SDT, _SUr, _SDDT, _ANt, _IGNn, _MAC, _HAC],
      [0, 0, 0, 64 | 0, 64 | 0, () => ModelAccessConfig$, () => HubAccessConfig$],
      2
    ];
    var S3FileSystem$ = [
      3,
      n0,
      _SFS,
      0,
      [_SUr],
      [0],
      1
    ];
    var S3FileSystemConfig$ = [
      3,
      n0,
      _SFSC,
      0,
      [_SUr, _MP],
      [0, 0],
      1
    ];
    var S3ModelDataSource$ = [
      3,
      n0,
      _SMDS,
      0,
      [_SUr, _SDT, _CTo, _MAC, _HAC, _MSU, _ET, _MEa],
      [0, 0, 0, () => ModelAccessConfig$, () => InferenceHubAccessConfig$, 0, 0, 0],
      3
    ];
    var S3Presign$ = [
      3,
      n0,
      _SPr,
      0,
      [_IPC],
      [() => IamPolicyConstraints$]
    ];
    var S3StorageConfig$ = [
      3,
      n0,
      _SSC,
      0,
      [_SUr, _KKI, _ROSU],
      [0, 0, 0],
      1
    ];
    var ScalingPolicyMetric$ = [
      3,
      n0,
      _SPM,
      0,
      [_IPI, _ML],
      [1, 1]
    ];
    var ScalingPolicyObjective$ = [
      3,
      n0,
      _SPO,
      0,
      [_MIPM, _MIPMa],
      [1, 1]
    ];
    var ScheduleConfig$ = [
      3,
      n0,
      _SCche,
      0,
      [_SEc, _DAST, _DAET],
      [0, 0, 0],
      1
    ];
    var ScheduledUpdateConfig$ = [
      3,
      n0,
      _SUC,
      0,
      [_SEc, _DCe],
      [0, () => DeploymentConfiguration$],
      1
    ];
    var SchedulerConfig$ = [
      3,
      n0,
      _SCc,
      0,
      [_PCrio, _FSa, _IRS],
      [() => PriorityClassList, 0, 0]
    ];
    var SearchExpression$ = [
      3,
      n0,
      _SEe,
      0,
      [_Fil, _NF, _SEu, _Op],
      [() => FilterList, () => NestedFiltersList, () => SearchExpressionList, 0]
    ];
    var SearchRecord$ = [
      3,
      n0,
      _SRe,
      0,
      [_TJ, _Exp, _Tr, _TCr, _En, _MPo, _MPG, _Pi, _PE, _PVi, _FG, _FMe, _Proj, _HPTJ, _MCod, _Mode, _J, _HC],
      [() => TrainingJob$, () => Experiment$, () => Trial$, () => TrialComponent$, () => Endpoint$, [() => ModelPackage$, 0], () => ModelPackageGroup$, () => Pipeline$, () => PipelineExecution$, () => PipelineVersion$, () => FeatureGroup$, () => FeatureMetadata$, () => Project$, () => HyperParameterTuningJobSearchEntity$, [() => ModelCard$, 0], () => ModelDashboardModel$, () => Job$, () => HubContent$]
    ];
    var SearchRequest$ = [
      3,
      n0,
      _SRea,
      0,
      [_Res, _SEe, _SBo, _SO, _NTe, _MR, _CAFO, _VCi],
      [0, () => SearchExpression$, 0, 0, 0, 1, 0, () => VisibilityConditionsList],
      1
    ];
    var SearchResponse$ = [
      3,
      n0,
      _SRear,
      0,
      [_Resu, _NTe, _TH],
      [[() => SearchResultsList, 0], 0, () => TotalHits$]
    ];
    var SearchTrainingPlanOfferingsRequest$ = [
      3,
      n0,
      _STPOR,
      0,
      [_ITn, _ICn, _UST, _USC, _STAt, _ETBn, _DH, _TRa, _TPA],
      [0, 1, 0, 1, 4, 4, 1, 64 | 0, 0]
    ];
    var SearchTrainingPlanOfferingsResponse$ = [
      3,
      n0,
      _STPORe,
      0,
      [_TPO, _TPEO],
      [() => TrainingPlanOfferings, () => TrainingPlanExtensionOfferings],
      1
    ];
    var SecondaryStatusTransition$ = [
      3,
      n0,
      _SSTe,
      0,
      [_St, _STt, _ETn, _SM],
      [0, 4, 4, 0],
      2
    ];
    var SelectedStep$ = [
      3,
      n0,
      _SSel,
      0,
      [_SNte],
      [0],
      1
    ];
    var SelectiveExecutionConfig$ = [
      3,
      n0,
      _SECe,
      0,
      [_SSele, _SPEA],
      [() => SelectedStepList, 0],
      1
    ];
    var SelectiveExecutionResult$ = [
      3,
      n0,
      _SER,
      0,
      [_SPEA],
      [0]
    ];
    var SendPipelineExecutionStepFailureRequest$ = [
      3,
      n0,
      _SPESFR,
      0,
      [_CTa, _FR, _CRT],
      [0, 0, [0, 4]],
      1
    ];
    var SendPipelineExecutionStepFailureResponse$ = [
      3,
      n0,
      _SPESFRe,
      0,
      [_PEA],
      [0]
    ];
    var SendPipelineExecutionStepSuccessRequest$ = [
      3,
      n0,
      _SPESSR,
      0,
      [_CTa, _OP, _CRT],
      [0, () => OutputParameterList, [0, 4]],
      1
    ];
    var SendPipelineExecutionStepSuccessResponse$ = [
      3,
      n0,
      _SPESSRe,
      0,
      [_PEA],
      [0]
    ];
    var ServerlessJobConfig$ = [
      3,
      n0,
      _SJC,
      0,
      [_BMA, _JT, _AEc, _CTus, _Pef, _ETva, _EAv, _SL],
      [0, 0, 2, 0, 0, 0, 0, 0],
      2
    ];
    var ServiceCatalogProvisionedProductDetails$ = [
      3,
      n0,
      _SCPPD,
      0,
      [_PPIro, _PPSM],
      [0, 0]
    ];
    var ServiceCatalogProvisioningDetails$ = [
      3,
      n0,
      _SCPD,
      0,
      [_PIrod, _PAI, _PIa, _PProv],
      [0, 0, 0, () => ProvisioningParameters],
      1
    ];
    var ServiceCatalogProvisioningUpdateDetails$ = [
      3,
      n0,
      _SCPUD,
      0,
      [_PAI, _PProv],
      [0, () => ProvisioningParameters]
    ];
    var SessionChainingConfig$ = [
      3,
      n0,
      _SCC,
      0,
      [_ESTC],
      [2]
    ];
    var ShadowModeConfig$ = [
      3,
      n0,
      _SMC,
      0,
      [_SMVN, _SMVh],
      [0, () => ShadowModelVariantConfigList],
      2
    ];
    var ShadowModelVariantConfig$ = [
      3,
      n0,
      _SMVC,
      0,
      [_SMVNh, _SPa],
      [0, 1],
      2
    ];
    var SharingSettings$ = [
      3,
      n0,
      _SSh,
      0,
      [_NOO, _SOP, _SKKI],
      [0, 0, 0]
    ];
    var ShuffleConfig$ = [
      3,
      n0,
      _SCh,
      0,
      [_Se],
      [1],
      1
    ];
    var SourceAlgorithm$ = [
      3,
      n0,
      _SAo,
      0,
      [_ANlg, _MDU, _MDS, _MDET],
      [0, 0, () => ModelDataSource$, 0],
      1
    ];
    var SourceAlgorithmSpecification$ = [
      3,
      n0,
      _SAS,
      0,
      [_SAou],
      [() => SourceAlgorithmList],
      1
    ];
    var SourceIpConfig$ = [
      3,
      n0,
      _SIC,
      0,
      [_Ci],
      [64 | 0],
      1
    ];
    var SpaceAppLifecycleManagement$ = [
      3,
      n0,
      _SALM,
      0,
      [_IS],
      [() => SpaceIdleSettings$]
    ];
    var SpaceCodeEditorAppSettings$ = [
      3,
      n0,
      _SCEAS,
      0,
      [_DRS, _ALM],
      [() => ResourceSpec$, () => SpaceAppLifecycleManagement$]
    ];
    var SpaceDetails$ = [
      3,
      n0,
      _SDp,
      0,
      [_DI, _SN, _St, _CT, _LMT, _SSSpa, _SSSS, _OSSw, _SDN],
      [0, 0, 0, 4, 4, () => SpaceSettingsSummary$, () => SpaceSharingSettingsSummary$, () => OwnershipSettingsSummary$, 0]
    ];
    var SpaceIdleSettings$ = [
      3,
      n0,
      _SIS,
      0,
      [_ITIM],
      [1]
    ];
    var SpaceJupyterLabAppSettings$ = [
      3,
      n0,
      _SJLAS,
      0,
      [_DRS, _CRod, _ALM],
      [() => ResourceSpec$, () => CodeRepositories, () => SpaceAppLifecycleManagement$]
    ];
    var SpaceSettings$ = [
      3,
      n0,
      _SS,
      0,
      [_JSAS, _KGAS, _CEAS, _JLAS, _ATp, _SSSp, _SMR, _CFS, _RAem],
      [() => JupyterServerAppSettings$, () => KernelGatewayAppSettings$, () => SpaceCodeEditorAppSettings$, () => SpaceJupyterLabAppSettings$, 0, () => SpaceStorageSettings$, 0, () => CustomFileSystems, 0]
    ];
    var SpaceSettingsSummary$ = [
      3,
      n0,
      _SSSpa,
      0,
      [_ATp, _RAem, _SSSp],
      [0, 0, () => SpaceStorageSettings$]
    ];
    var SpaceSharingSettings$ = [
      3,
      n0,
      _SSS,
      0,
      [_STh],
      [0],
      1
    ];
    var SpaceSharingSettingsSummary$ = [
      3,
      n0,
      _SSSS,
      0,
      [_STh],
      [0]
    ];
    var SpaceStorageSettings$ = [
      3,
      n0,
      _SSSp,
      0,
      [_ESSb],
      [() => EbsStorageSettings$]
    ];
    var Stairs$ = [
      3,
      n0,
      _Stai,
      0,
      [_DIS, _NOSu, _UPS],
      [1, 1, 1]
    ];
    var StartClusterHealthCheckRequest$ = [
      3,
      n0,
      _SCHCR,
      0,
      [_CNl, _DHCC],
      [0, () => DeepHealthCheckConfigurations],
      2
    ];
    var StartClusterHealthCheckResponse$ = [
      3,
      n0,
      _SCHCRt,
      0,
      [_CAl],
      [0],
      1
    ];
    var StartEdgeDeploymentStageRequest$ = [
      3,
      n0,
      _SEDSR,
      0,
      [_EDPN, _SNt],
      [0, 0],
      2
    ];
    var StartInferenceExperimentRequest$ = [
      3,
      n0,
      _SIER,
      0,
      [_N],
      [0],
      1
    ];
    var StartInferenceExperimentResponse$ = [
      3,
      n0,
      _SIERt,
      0,
      [_IEA],
      [0],
      1
    ];
    var StartMlflowTrackingServerRequest$ = [
      3,
      n0,
      _SMTSR,
      0,
      [_TSN],
      [0],
      1
    ];
    var StartMlflowTrackingServerResponse$ = [
      3,
      n0,
      _SMTSRt,
      0,
      [_TSA],
      [0]
    ];
    var StartMonitoringScheduleRequest$ = [
      3,
      n0,
      _SMSR,
      0,
      [_MSN],
      [0],
      1
    ];
    var StartNotebookInstanceInput$ = [
      3,
      n0,
      _SNII,
      0,
      [_NIN],
      [0],
      1
    ];
    var StartPipelineExecutionRequest$ = [
      3,
      n0,
      _SPER,
      0,
      [_PNi, _PEDN, _PP, _PED, _CRT, _PCa, _SECe, _PVI, _MEN],
      [0, 0, () => ParameterList, 0, [0, 4], () => ParallelismConfiguration$, () => SelectiveExecutionConfig$, 1, 0],
      1
    ];
    var StartPipelineExecutionResponse$ = [
      3,
      n0,
      _SPERt,
      0,
      [_PEA],
      [0]
    ];
    var StartSessionRequest$ = [
      3,
      n0,
      _SSR,
      0,
      [_RIes],
      [0],
      1
    ];
    var StartSessionResponse$ = [
      3,
      n0,
      _SSRt,
      0,
      [_SIe, _SUt, _TV],
      [0, 0, 0]
    ];
    var StopAIBenchmarkJobRequest$ = [
      3,
      n0,
      _SAIBJR,
      0,
      [_AIBJN],
      [0],
      1
    ];
    var StopAIBenchmarkJobResponse$ = [
      3,
      n0,
      _SAIBJRt,
      0,
      [_AIBJA],
      [0],
      1
    ];
    var StopAIRecommendationJobRequest$ = [
      3,
      n0,
      _SAIRJR,
      0,
      [_AIRJN],
      [0],
      1
    ];
    var StopAIRecommendationJobResponse$ = [
      3,
      n0,
      _SAIRJRt,
      0,
      [_AIRJA],
      [0],
      1
    ];
    var StopAutoMLJobRequest$ = [
      3,
      n0,
      _SAMLJR,
      0,
      [_AMLJN],
      [0],
      1
    ];
    var StopCompilationJobRequest$ = [
      3,
      n0,
      _SCJR,
      0,
      [_CJN],
      [0],
      1
    ];
    var StopEdgeDeploymentStageRequest$ = [
      3,
      n0,
      _SEDSRt,
      0,
      [_EDPN, _SNt],
      [0, 0],
      2
    ];
    var StopEdgePackagingJobRequest$ = [
      3,
      n0,
      _SEPJR,
      0,
      [_EPJN],
      [0],
      1
    ];
    var StopHyperParameterTuningJobRequest$ = [
      3,
      n0,
      _SHPTJR,
      0,
      [_HPTJN],
      [0],
      1
    ];
    var StopInferenceExperimentRequest$ = [
      3,
      n0,
      _SIERto,
      0,
      [_N, _MVA, _DMV, _DSes, _Rea],
      [0, 128 | 0, () => ModelVariantConfigList, 0, 0],
      2
    ];
    var StopInferenceExperimentResponse$ = [
      3,
      n0,
      _SIERtop,
      0,
      [_IEA],
      [0],
      1
    ];
    var StopInferenceRecommendationsJobRequest$ = [
      3,
      n0,
      _SIRJR,
      0,
      [_JN],
      [0],
      1
    ];
    var StopJobRequest$ = [
      3,
      n0,
      _SJR,
      0,
      [_JN, _JC],
      [0, 0],
      2
    ];
    var StopJobResponse$ = [
      3,
      n0,
      _SJRt,
      0,
      [],
      []
    ];
    var StopLabelingJobRequest$ = [
      3,
      n0,
      _SLJR,
      0,
      [_LJN],
      [0],
      1
    ];
    var StopMlflowTrackingServerRequest$ = [
      3,
      n0,
      _SMTSRto,
      0,
      [_TSN],
      [0],
      1
    ];
    var StopMlflowTrackingServerResponse$ = [
      3,
      n0,
      _SMTSRtop,
      0,
      [_TSA],
      [0]
    ];
    var StopMonitoringScheduleRequest$ = [
      3,
      n0,
      _SMSRt,
      0,
      [_MSN],
      [0],
      1
    ];
    var StopNotebookInstanceInput$ = [
      3,
      n0,
      _SNIIt,
      0,
      [_NIN],
      [0],
      1
    ];
    var StopOptimizationJobRequest$ = [
      3,
      n0,
      _SOJR,
      0,
      [_OJN],
      [0],
      1
    ];
    var StoppingCondition$ = [
      3,
      n0,
      _SCt,
      0,
      [_MRIS, _MWTIS, _MPTIS],
      [1, 1, 1]
    ];
    var StopPipelineExecutionRequest$ = [
      3,
      n0,
      _SPERto,
      0,
      [_PEA, _CRT],
      [0, [0, 4]],
      1
    ];
    var StopPipelineExecutionResponse$ = [
      3,
      n0,
      _SPERtop,
      0,
      [_PEA],
      [0]
    ];
    var StopProcessingJobRequest$ = [
      3,
      n0,
      _SPJR,
      0,
      [_PJN],
      [0],
      1
    ];
    var StopTrainingJobRequest$ = [
      3,
      n0,
      _STJR,
      0,
      [_TJN],
      [0],
      1
    ];
    var StopTransformJobRequest$ = [
      3,
      n0,
      _STJRt,
      0,
      [_TJNr],
      [0],
      1
    ];
    var StudioLifecycleConfigDetails$ = [
      3,
      n0,
      _SLCD,
      0,
      [_SLCA, _SLCN, _CT, _LMT, _SLCAT],
      [0, 0, 4, 4, 0]
    ];
    var StudioWebPortalSettings$ = [
      3,
      n0,
      _SWPS,
      0,
      [_HMT, _HAT, _HIT, _HSMIVA, _ERSNM],
      [64 | 0, 64 | 0, 64 | 0, () => HiddenSageMakerImageVersionAliasesList, 0]
    ];
    var SubscribedWorkteam$ = [
      3,
      n0,
      _SW,
      0,
      [_WAo, _MTa, _SNe, _MDar, _LIi],
      [0, 0, 0, 0, 0],
      1
    ];
    var SuggestionQuery$ = [
      3,
      n0,
      _SQ,
      0,
      [_PNQ],
      [() => PropertyNameQuery$]
    ];
    var TabularJobConfig$ = [
      3,
      n0,
      _TJC,
      0,
      [_TAN, _CGC, _CCo, _FSSU, _Mo, _GCDO, _PTr, _SWAN],
      [0, () => CandidateGenerationConfig$, () => AutoMLJobCompletionCriteria$, 0, 0, 2, 0, 0],
      1
    ];
    var TabularResolvedAttributes$ = [
      3,
      n0,
      _TRA,
      0,
      [_PTr],
      [0]
    ];
    var Tag$ = [
      3,
      n0,
      _Tag,
      0,
      [_K, _Va],
      [0, 0],
      2
    ];
    var TargetPlatform$ = [
      3,
      n0,
      _TPa,
      0,
      [_Os, _Arc, _Acc],
      [0, 0, 0],
      2
    ];
    var TargetTrackingScalingPolicyConfiguration$ = [
      3,
      n0,
      _TTSPC,
      0,
      [_MSet, _TVa],
      [() => MetricSpecification$, 1]
    ];
    var TemplateProviderDetail$ = [
      3,
      n0,
      _TPDe,
      0,
      [_CTPD],
      [() => CfnTemplateProviderDetail$]
    ];
    var TensorBoardAppSettings$ = [
      3,
      n0,
      _TBAS,
      0,
      [_DRS],
      [() => ResourceSpec$]
    ];
    var TensorBoardOutputConfig$ = [
      3,
      n0,
      _TBOC,
      0,
      [_SOP, _LP],
      [0, 0],
      1
    ];
    var TextClassificationJobConfig$ = [
      3,
      n0,
      _TCJC,
      0,
      [_CConte, _TLC, _CCo],
      [0, 0, () => AutoMLJobCompletionCriteria$],
      2
    ];
    var TextGenerationJobConfig$ = [
      3,
      n0,
      _TGJC,
      0,
      [_CCo, _BMN, _TGHP, _MAC],
      [() => AutoMLJobCompletionCriteria$, 0, 128 | 0, () => ModelAccessConfig$]
    ];
    var TextGenerationResolvedAttributes$ = [
      3,
      n0,
      _TGRA,
      0,
      [_BMN],
      [0]
    ];
    var ThroughputConfig$ = [
      3,
      n0,
      _TCh,
      0,
      [_TM, _PRCU, _PWCU],
      [0, 1, 1],
      1
    ];
    var ThroughputConfigDescription$ = [
      3,
      n0,
      _TCD,
      0,
      [_TM, _PRCU, _PWCU],
      [0, 1, 1],
      1
    ];
    var ThroughputConfigUpdate$ = [
      3,
      n0,
      _TCU,
      0,
      [_TM, _PRCU, _PWCU],
      [0, 1, 1]
    ];
    var TimeSeriesConfig$ = [
      3,
      n0,
      _TSCim,
      0,
      [_TAN, _TANi, _IIAN, _GAN],
      [0, 0, 0, 64 | 0],
      3
    ];
    var TimeSeriesForecastingJobConfig$ = [
      3,
      n0,
      _TSFJC,
      0,
      [_FF, _FHo, _TSCim, _FSSU, _CCo, _FQ, _Tra, _HCo, _CGC],
      [0, 1, () => TimeSeriesConfig$, 0, () => AutoMLJobCompletionCriteria$, 64 | 0, () => TimeSeriesTransformations$, () => HolidayConfig, () => CandidateGenerationConfig$],
      3
    ];
    var TimeSeriesForecastingSettings$ = [
      3,
      n0,
      _TSFS,
      0,
      [_St, _AFRA],
      [0, 0]
    ];
    var TimeSeriesTransformations$ = [
      3,
      n0,
      _TSTi,
      0,
      [_Fill, _Ag],
      [[2, n0, _FTi, 0, 0, 128 | 0], 128 | 0]
    ];
    var TotalHits$ = [
      3,
      n0,
      _TH,
      0,
      [_Va, _Rel],
      [1, 0]
    ];
    var TrackingServerSummary$ = [
      3,
      n0,
      _TSSrac,
      0,
      [_TSA, _TSN, _CT, _LMT, _TSSr, _IAs, _MVl],
      [0, 0, 4, 4, 0, 0, 0]
    ];
    var TrafficPattern$ = [
      3,
      n0,
      _TPr,
      0,
      [_TTr, _Pha, _Stai],
      [0, () => Phases, () => Stairs$]
    ];
    var TrafficRoutingConfig$ = [
      3,
      n0,
      _TRCr,
      0,
      [_T, _WIIS, _CSana, _LSS],
      [0, 1, () => CapacitySize$, () => CapacitySize$],
      2
    ];
    var TrainingImageConfig$ = [
      3,
      n0,
      _TIC,
      0,
      [_TRAM, _TRAC],
      [0, () => TrainingRepositoryAuthConfig$],
      1
    ];
    var TrainingJob$ = [
      3,
      n0,
      _TJ,
      0,
      [_TJN, _TJA, _TJAu, _LJA, _AMLJAu, _MAo, _TJS, _SSe, _FR, _HP, _ASl, _RAo, _IDC, _ODC, _RCe, _WPS, _VC, _SCt, _CT, _TST, _TET, _LMT, _SST, _FMDL, _ENI, _EICTE, _EMST, _CCh, _TTIS, _BTIS, _DHC, _ECxp, _DRC, _TBOC, _DRESe, _OMPA, _MPC, _PCr, _E, _RSe, _Ta],
      [0, 0, 0, 0, 0, () => ModelArtifacts$, 0, 0, 0, 128 | 0, () => AlgorithmSpecification$, 0, () => InputDataConfig, () => OutputDataConfig$, () => ResourceConfig$, () => WarmPoolStatus$, () => VpcConfig$, () => StoppingCondition$, 4, 4, 4, 4, () => SecondaryStatusTransitions, () => FinalMetricDataList, 2, 2, 2, () => CheckpointConfig$, 1, 1, () => DebugHookConfig$, () => ExperimentConfig$, () => DebugRuleConfigurations, () => TensorBoardOutputConfig$, () => DebugRuleEvaluationStatuses, 0, () => ModelPackageConfig$, () => ProfilerConfig$, 128 | 0, () => RetryStrategy$, () => TagList]
    ];
    var TrainingJobDefinition$ = [
      3,
      n0,
      _TJD,
      0,
      [_TIM, _IDC, _ODC, _RCe, _SCt, _HP],
      [0, () => InputDataConfig, () => OutputDataConfig$, () => ResourceConfig$, () => StoppingCondition$, 128 | 0],
      5
    ];
    var TrainingJobStatusCounters$ = [
      3,
      n0,
      _TJSC,
      0,
      [_Com, _IPnr, _REe, _NRE, _Sto],
      [1, 1, 1, 1, 1]
    ];
    var TrainingJobStepMetadata$ = [
      3,
      n0,
      _TJSM,
      0,
      [_Ar],
      [0]
    ];
    var TrainingJobSummary$ = [
      3,
      n0,
      _TJSrai,
      0,
      [_TJN, _TJA, _CT, _TJS, _TET, _LMT, _SSe, _WPS, _TPA],
      [0, 0, 4, 0, 4, 4, 0, () => WarmPoolStatus$, 0],
      4
    ];
    var TrainingPlanExtension$ = [
      3,
      n0,
      _TPEr,
      0,
      [_TPEOI, _EAxt, _SDtar, _EDn, _St, _PSay, _AZv, _AZI, _DH, _UF, _CCur],
      [0, 4, 4, 4, 0, 0, 0, 0, 1, 0, 0],
      1
    ];
    var TrainingPlanExtensionOffering$ = [
      3,
      n0,
      _TPEOr,
      0,
      [_TPEOI, _AZv, _SDtar, _EDn, _DH, _UF, _CCur],
      [0, 0, 4, 4, 1, 0, 0],
      1
    ];
    var TrainingPlanFilter$ = [
      3,
      n0,
      _TPF,
      0,
      [_N, _Va],
      [0, 0],
      2
    ];
    var TrainingPlanOffering$ = [
      3,
      n0,
      _TPOr,
      0,
      [_TPOI, _TRa, _RSTA, _RETB, _DH, _DM, _UF, _CCur, _RCOe],
      [0, 64 | 0, 4, 4, 1, 1, 0, 0, () => ReservedCapacityOfferings],
      2
    ];
    var TrainingPlanSummary$ = [
      3,
      n0,
      _TPSra,
      0,
      [_TPA, _TPN, _St, _SM, _DH, _DM, _STt, _ETn, _UF, _CCur, _TICo, _AICv, _IUIC, _TUSC, _TRa, _RCS],
      [0, 0, 0, 0, 1, 1, 4, 4, 0, 0, 1, 1, 1, 1, 64 | 0, () => ReservedCapacitySummaries],
      3
    ];
    var TrainingProgressInfo$ = [
      3,
      n0,
      _TPI,
      0,
      [_TSCPE, _CSu, _CEur, _MEax],
      [1, 1, 1, 1]
    ];
    var TrainingRepositoryAuthConfig$ = [
      3,
      n0,
      _TRAC,
      0,
      [_TRCPA],
      [0],
      1
    ];
    var TrainingSpecification$ = [
      3,
      n0,
      _TS,
      0,
      [_TI, _STITu, _TCra, _TID, _SHPu, _SDTu, _MDe, _STJOM, _ASDS],
      [0, 64 | 0, () => ChannelSpecifications, 0, () => HyperParameterSpecifications, 2, () => MetricDefinitionList, () => HyperParameterTuningJobObjectives, () => AdditionalS3DataSource$],
      3
    ];
    var TransformDataSource$ = [
      3,
      n0,
      _TDSr,
      0,
      [_SDS],
      [() => TransformS3DataSource$],
      1
    ];
    var TransformInput$ = [
      3,
      n0,
      _TIr,
      0,
      [_DS, _CTon, _CTo, _STp],
      [() => TransformDataSource$, 0, 0, 0],
      1
    ];
    var TransformJob$ = [
      3,
      n0,
      _TJr,
      0,
      [_TJNr, _TJAr, _TJSr, _FR, _MNod, _MCT, _MCCo, _MPIMB, _BS, _E, _TIr, _TO, _DCC, _TR, _CT, _TSTr, _TETr, _LJA, _AMLJAu, _DP, _ECxp, _Ta],
      [0, 0, 0, 0, 0, 1, () => ModelClientConfig$, 1, 0, 128 | 0, () => TransformInput$, () => TransformOutput$, () => BatchDataCaptureConfig$, () => TransformResources$, 4, 4, 4, 0, 0, () => DataProcessing$, () => ExperimentConfig$, () => TagList]
    ];
    var TransformJobDefinition$ = [
      3,
      n0,
      _TJDr,
      0,
      [_TIr, _TO, _TR, _MCT, _MPIMB, _BS, _E],
      [() => TransformInput$, () => TransformOutput$, () => TransformResources$, 1, 1, 0, 128 | 0],
      3
    ];
    var TransformJobStepMetadata$ = [
      3,
      n0,
      _TJSMr,
      0,
      [_Ar],
      [0]
    ];
    var TransformJobSummary$ = [
      3,
      n0,
      _TJSrans,
      0,
      [_TJNr, _TJAr, _CT, _TJSr, _TETr, _LMT, _FR],
      [0, 0, 4, 0, 4, 4, 0],
      4
    ];
    var TransformOutput$ = [
      3,
      n0,
      _TO,
      0,
      [_SOP, _Acce, _AW, _KKI],
      [0, 0, 0, 0],
      1
    ];
    var TransformResources$ = [
      3,
      n0,
      _TR,
      0,
      [_ITn, _ICn, _VKKI, _TAV],
      [0, 1, 0, 0],
      2
    ];
    var TransformS3DataSource$ = [
      3,
      n0,
      _TSDS,
      0,
      [_SDT, _SUr],
      [0, 0],
      2
    ];
    var Trial$ = [
      3,
      n0,
      _Tr,
      0,
      [_TN, _TA, _DNi, _ENx, _S, _CT, _CB, _LMT, _LMB, _MPe, _Ta, _TCS],
      [0, 0, 0, 0, () => TrialSource$, 4, () => UserContext$, 4, () => UserContext$, () => MetadataProperties$, () => TagList, () => TrialComponentSimpleSummaries]
    ];
    var TrialComponent$ = [
      3,
      n0,
      _TCr,
      0,
      [_TCN, _DNi, _TCA, _S, _St, _STt, _ETn, _CT, _CB, _LMT, _LMB, _P, _IAn, _OA, _Met, _MPe, _SDo, _LGAi, _Ta, _Paren, _RNu],
      [0, 0, 0, () => TrialComponentSource$, () => TrialComponentStatus$, 4, 4, 4, () => UserContext$, 4, () => UserContext$, () => TrialComponentParameters, () => TrialComponentArtifacts, () => TrialComponentArtifacts, () => TrialComponentMetricSummaries, () => MetadataProperties$, () => TrialComponentSourceDetail$, 0, () => TagList, () => Parents, 0]
    ];
    var TrialComponentArtifact$ = [
      3,
      n0,
      _TCAr,
      0,
      [_Va, _MTe],
      [0, 0],
      1
    ];
    var TrialComponentMetricSummary$ = [
      3,
      n0,
      _TCMS,
      0,
      [_MN, _SA, _TSi, _Ma, _Mi, _Las, _C, _Av, _SDtd],
      [0, 0, 4, 1, 1, 1, 1, 1, 1]
    ];
    var TrialComponentSimpleSummary$ = [
      3,
      n0,
      _TCSS,
      0,
      [_TCN, _TCA, _TCSr, _CT, _CB],
      [0, 0, () => TrialComponentSource$, 4, () => UserContext$]
    ];
    var TrialComponentSource$ = [
      3,
      n0,
      _TCSr,
      0,
      [_SA, _ST],
      [0, 0],
      1
    ];
    var TrialComponentSourceDetail$ = [
      3,
      n0,
      _TCSD,
      0,
      [_SA, _TJ, _PJ, _TJr],
      [0, () => TrainingJob$, () => ProcessingJob$, () => TransformJob$]
    ];
    var TrialComponentStatus$ = [
      3,
      n0,
      _TCSri,
      0,
      [_PSri, _M],
      [0, 0]
    ];
    var TrialComponentSummary$ = [
      3,
      n0,
      _TCSria,
      0,
      [_TCN, _TCA, _DNi, _TCSr, _St, _STt, _ETn, _CT, _CB, _LMT, _LMB],
      [0, 0, 0, () => TrialComponentSource$, () => TrialComponentStatus$, 4, 4, 4, () => UserContext$, 4, () => UserContext$]
    ];
    var TrialSource$ = [
      3,
      n0,
      _TSri,
      0,
      [_SA, _ST],
      [0, 0],
      1
    ];
    var TrialSummary$ = [
      3,
      n0,
      _TSria,
      0,
      [_TA, _TN, _DNi, _TSri, _CT, _LMT],
      [0, 0, 0, () => TrialSource$, 4, 4]
    ];
    var TrustedIdentityPropagationSettings$ = [
      3,
      n0,
      _TIPS,
      0,
      [_St],
      [0],
      1
    ];
    var TtlDuration$ = [
      3,
      n0,
      _TDt,
      0,
      [_Un, _Va],
      [0, 1]
    ];
    var TuningJobCompletionCriteria$ = [
      3,
      n0,
      _TJCC,
      0,
      [_TOMV, _BONI, _CDo],
      [1, () => BestObjectiveNotImproving$, () => ConvergenceDetected$]
    ];
    var TuningJobStepMetaData$ = [
      3,
      n0,
      _TJSMD,
      0,
      [_Ar],
      [0]
    ];
    var UiConfig$ = [
      3,
      n0,
      _UC,
      0,
      [_UTSU, _HTUA],
      [0, 0]
    ];
    var UiTemplate$ = [
      3,
      n0,
      _UT,
      0,
      [_Cont],
      [0],
      1
    ];
    var UiTemplateInfo$ = [
      3,
      n0,
      _UTI,
      0,
      [_Ur, _CSonte],
      [0, 0]
    ];
    var UltraServer$ = [
      3,
      n0,
      _USlt,
      0,
      [_USIl, _UST, _AZv, _ITn, _TICo, _CSIC, _AICv, _IUIC, _ASIC, _UIC, _HSe],
      [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0],
      5
    ];
    var UltraServerInfo$ = [
      3,
      n0,
      _USI,
      0,
      [_Id, _T],
      [0, 0]
    ];
    var UltraServerSummary$ = [
      3,
      n0,
      _USS,
      0,
      [_UST, _ITn, _USC, _ASIC, _UIC],
      [0, 0, 1, 1, 1],
      2
    ];
    var UnifiedStudioSettings$ = [
      3,
      n0,
      _USSn,
      0,
      [_SWPA, _DAIo, _DRo, _DI, _PIro, _EInv, _PSP, _SSOAA],
      [0, 0, 0, 0, 0, 0, 0, 0]
    ];
    var UpdateActionRequest$ = [
      3,
      n0,
      _UAR,
      0,
      [_AN, _D, _St, _Pr, _PTRr],
      [0, 0, 0, 128 | 0, 64 | 0],
      1
    ];
    var UpdateActionResponse$ = [
      3,
      n0,
      _UARp,
      0,
      [_AA],
      [0]
    ];
    var UpdateAppImageConfigRequest$ = [
      3,
      n0,
      _UAICR,
      0,
      [_AICN, _KGIC, _JLAIC, _CEAIC],
      [0, () => KernelGatewayImageConfig$, () => JupyterLabAppImageConfig$, () => CodeEditorAppImageConfig$],
      1
    ];
    var UpdateAppImageConfigResponse$ = [
      3,
      n0,
      _UAICRp,
      0,
      [_AICA],
      [0]
    ];
    var UpdateArtifactRequest$ = [
      3,
      n0,
      _UARpd,
      0,
      [_AAr, _ANr, _Pr, _PTRr],
      [0, 0, 128 | 0, 64 | 0],
      1
    ];
    var UpdateArtifactResponse$ = [
      3,
      n0,
      _UARpda,
      0,
      [_AAr],
      [0]
    ];
    var UpdateClusterRequest$ = [
      3,
      n0,
      _UCR,
      0,
      [_CNl, _IG, _RIG, _RIGC, _TSCi, _NR, _IGTD, _NPM, _CRl, _ASu, _Or],
      [0, () => ClusterInstanceGroupSpecifications, () => ClusterRestrictedInstanceGroupSpecifications, () => ClusterRestrictedInstanceGroupsConfig$, () => ClusterTieredStorageConfig$, 0, 64 | 0, 0, 0, () => ClusterAutoScalingConfig$, () => ClusterOrchestrator$],
      1
    ];
    var UpdateClusterResponse$ = [
      3,
      n0,
      _UCRp,
      0,
      [_CAl],
      [0],
      1
    ];
    var UpdateClusterSchedulerConfigRequest$ = [
      3,
      n0,
      _UCSCR,
      0,
      [_CSCI, _TVar, _SCc, _D],
      [0, 1, () => SchedulerConfig$, 0],
      2
    ];
    var UpdateClusterSchedulerConfigResponse$ = [
      3,
      n0,
      _UCSCRp,
      0,
      [_CSCA, _CSCV],
      [0, 1],
      2
    ];
    var UpdateClusterSoftwareInstanceGroupSpecification$ = [
      3,
      n0,
      _UCSIGS,
      0,
      [_IGN, _IRV],
      [0, 0],
      1
    ];
    var UpdateClusterSoftwareRequest$ = [
      3,
      n0,
      _UCSR,
      0,
      [_CNl, _IG, _DCe, _IIm],
      [0, () => UpdateClusterSoftwareInstanceGroups, () => DeploymentConfiguration$, 0],
      1
    ];
    var UpdateClusterSoftwareResponse$ = [
      3,
      n0,
      _UCSRp,
      0,
      [_CAl],
      [0],
      1
    ];
    var UpdateCodeRepositoryInput$ = [
      3,
      n0,
      _UCRI,
      0,
      [_CRN, _GC],
      [0, () => GitConfigForUpdate$],
      1
    ];
    var UpdateCodeRepositoryOutput$ = [
      3,
      n0,
      _UCRO,
      0,
      [_CRA],
      [0],
      1
    ];
    var UpdateComputeQuotaRequest$ = [
      3,
      n0,
      _UCQR,
      0,
      [_CQI, _TVar, _CQC, _CQT, _ASct, _D],
      [0, 1, () => ComputeQuotaConfig$, () => ComputeQuotaTarget$, 0, 0],
      2
    ];
    var UpdateComputeQuotaResponse$ = [
      3,
      n0,
      _UCQRp,
      0,
      [_CQA, _CQV],
      [0, 1],
      2
    ];
    var UpdateContextRequest$ = [
      3,
      n0,
      _UCRpd,
      0,
      [_CNon, _D, _Pr, _PTRr],
      [0, 0, 128 | 0, 64 | 0],
      1
    ];
    var UpdateContextResponse$ = [
      3,
      n0,
      _UCRpda,
      0,
      [_CAo],
      [0]
    ];
    var UpdateDeviceFleetRequest$ = [
      3,
      n0,
      _UDFR,
      0,
      [_DFN, _OCu, _RAo, _D, _EIRA],
      [0, () => EdgeOutputConfig$, 0, 0, 2],
      2
    ];
    var UpdateDevicesRequest$ = [
      3,
      n0,
      _UDR,
      0,
      [_DFN, _Dev],
      [0, () => Devices],
      2
    ];
    var UpdateDomainRequest$ = [
      3,
      n0,
      _UDRp,
      0,
      [_DI, _DUS, _DSFU, _ASGM, _DSS, _SIu, _ANAT, _TP, _HEFSC, _VIp],
      [0, () => UserSettings$, () => DomainSettingsForUpdate$, 0, () => DefaultSpaceSettings$, 64 | 0, 0, 0, 0, 0],
      1
    ];
    var UpdateDomainResponse$ = [
      3,
      n0,
      _UDRpd,
      0,
      [_DAo],
      [0]
    ];
    var UpdateEndpointInput$ = [
      3,
      n0,
      _UEI,
      0,
      [_EN, _ECN, _RAVP, _ERVP, _DCe, _RDCet],
      [0, 0, 2, () => VariantPropertyList, () => DeploymentConfig$, 2],
      2
    ];
    var UpdateEndpointOutput$ = [
      3,
      n0,
      _UEO,
      0,
      [_EA],
      [0],
      1
    ];
    var UpdateEndpointWeightsAndCapacitiesInput$ = [
      3,
      n0,
      _UEWACI,
      0,
      [_EN, _DWACe],
      [0, () => DesiredWeightAndCapacityList],
      2
    ];
    var UpdateEndpointWeightsAndCapacitiesOutput$ = [
      3,
      n0,
      _UEWACO,
      0,
      [_EA],
      [0],
      1
    ];
    var UpdateExperimentRequest$ = [
      3,
      n0,
      _UER,
      0,
      [_ENx, _DNi, _D],
      [0, 0, 0],
      1
    ];
    var UpdateExperimentResponse$ = [
      3,
      n0,
      _UERp,
      0,
      [_EAx],
      [0]
    ];
    var UpdateFeatureGroupRequest$ = [
      3,
      n0,
      _UFGR,
      0,
      [_FGN, _FAe, _OSC, _TCh],
      [0, () => FeatureAdditions, () => OnlineStoreConfigUpdate$, () => ThroughputConfigUpdate$],
      1
    ];
    var UpdateFeatureGroupResponse$ = [
      3,
      n0,
      _UFGRp,
      0,
      [_FGA],
      [0],
      1
    ];
    var UpdateFeatureMetadataRequest$ = [
      3,
      n0,
      _UFMR,
      0,
      [_FGN, _FN, _D, _PAa, _PRara],
      [0, 0, 0, () => FeatureParameterAdditions, 64 | 0],
      2
    ];
    var UpdateHubContentReferenceRequest$ = [
      3,
      n0,
      _UHCRR,
      0,
      [_HN, _HCN, _HCT, _MVi],
      [0, 0, 0, 0],
      3
    ];
    var UpdateHubContentReferenceResponse$ = [
      3,
      n0,
      _UHCRRp,
      0,
      [_HA, _HCA],
      [0, 0],
      2
    ];
    var UpdateHubContentRequest$ = [
      3,
      n0,
      _UHCR,
      0,
      [_HN, _HCN, _HCT, _HCV, _HCDN, _HCDu, _HCM, _HCSK, _SSu],
      [0, 0, 0, 0, 0, 0, 0, 64 | 0, 0],
      4
    ];
    var UpdateHubContentResponse$ = [
      3,
      n0,
      _UHCRp,
      0,
      [_HA, _HCA],
      [0, 0],
      2
    ];
    var UpdateHubRequest$ = [
      3,
      n0,
      _UHR,
      0,
      [_HN, _HD, _HDN, _HSK],
      [0, 0, 0, 64 | 0],
      1
    ];
    var UpdateHubResponse$ = [
      3,
      n0,
      _UHRp,
      0,
      [_HA],
      [0],
      1
    ];
    var UpdateImageRequest$ = [
      3,
      n0,
      _UIR,
      0,
      [_IN, _DPe, _D, _DNi, _RAo],
      [0, 64 | 0, 0, 0, 0],
      1
    ];
    var UpdateImageResponse$ = [
      3,
      n0,
      _UIRp,
      0,
      [_IAm],
      [0]
    ];
    var UpdateImageVersionRequest$ = [
      3,
      n0,
      _UIVR,
      0,
      [_IN, _Alia, _V, _ATA, _ATD, _VG, _JT, _MLF, _PL, _Pro, _H, _RN],
      [0, 0, 1, 64 | 0, 64 | 0, 0, 0, 0, 0, 0, 2, 0],
      1
    ];
    var UpdateImageVersionResponse$ = [
      3,
      n0,
      _UIVRp,
      0,
      [_IVA],
      [0]
    ];
    var UpdateInferenceComponentInput$ = [
      3,
      n0,
      _UICI,
      0,
      [_ICN, _Spe, _Spec, _RC, _DCe],
      [0, () => InferenceComponentSpecification$, () => InferenceComponentSpecificationList, () => InferenceComponentRuntimeConfig$, () => InferenceComponentDeploymentConfig$],
      1
    ];
    var UpdateInferenceComponentOutput$ = [
      3,
      n0,
      _UICO,
      0,
      [_ICA],
      [0],
      1
    ];
    var UpdateInferenceComponentRuntimeConfigInput$ = [
      3,
      n0,
      _UICRCI,
      0,
      [_ICN, _DRCes],
      [0, () => InferenceComponentRuntimeConfig$],
      2
    ];
    var UpdateInferenceComponentRuntimeConfigOutput$ = [
      3,
      n0,
      _UICRCO,
      0,
      [_ICA],
      [0],
      1
    ];
    var UpdateInferenceExperimentRequest$ = [
      3,
      n0,
      _UIER,
      0,
      [_N, _Sc, _D, _MVod, _DSCa, _SMC],
      [0, () => InferenceExperimentSchedule$, 0, () => ModelVariantConfigList, () => InferenceExperimentDataStorageConfig$, () => ShadowModeConfig$],
      1
    ];
    var UpdateInferenceExperimentResponse$ = [
      3,
      n0,
      _UIERp,
      0,
      [_IEA],
      [0],
      1
    ];
    var UpdateMlflowAppRequest$ = [
      3,
      n0,
      _UMAR,
      0,
      [_Ar, _N, _ASU, _MRM, _WMWS, _DDIL, _ADS],
      [0, 0, 0, 0, 0, 64 | 0, 0],
      1
    ];
    var UpdateMlflowAppResponse$ = [
      3,
      n0,
      _UMARp,
      0,
      [_Ar],
      [0]
    ];
    var UpdateMlflowTrackingServerRequest$ = [
      3,
      n0,
      _UMTSR,
      0,
      [_TSN, _ASU, _TSS, _AMR, _WMWS, _SBOAI, _SBOV],
      [0, 0, 0, 2, 0, 0, 2],
      1
    ];
    var UpdateMlflowTrackingServerResponse$ = [
      3,
      n0,
      _UMTSRp,
      0,
      [_TSA],
      [0]
    ];
    var UpdateModelCardRequest$ = [
      3,
      n0,
      _UMCR,
      0,
      [_MCN, _Cont, _MCS],
      [0, [() => ModelCardContent, 0], 0],
      1
    ];
    var UpdateModelCardResponse$ = [
      3,
      n0,
      _UMCRp,
      0,
      [_MCA],
      [0],
      1
    ];
    var UpdateModelPackageInput$ = [
      3,
      n0,
      _UMPI,
      0,
      [_MPA, _MAS, _MPRT, _ADpp, _CMP, _CMPTR, _AISTA, _ISn, _SU, _MCod, _MLC, _CTl],
      [0, 0, 0, 0, 128 | 0, 64 | 0, () => AdditionalInferenceSpecifications, () => InferenceSpecification$, 0, [() => ModelPackageModelCard$, 0], () => ModelLifeCycle$, 0],
      1
    ];
    var UpdateModelPackageOutput$ = [
      3,
      n0,
      _UMPO,
      0,
      [_MPA],
      [0],
      1
    ];
    var UpdateMonitoringAlertRequest$ = [
      3,
      n0,
      _UMARpd,
      0,
      [_MSN, _MAN, _DTA, _EPv],
      [0, 0, 1, 1],
      4
    ];
    var UpdateMonitoringAlertResponse$ = [
      3,
      n0,
      _UMARpda,
      0,
      [_MSA, _MAN],
      [0, 0],
      1
    ];
    var UpdateMonitoringScheduleRequest$ = [
      3,
      n0,
      _UMSR,
      0,
      [_MSN, _MSC],
      [0, () => MonitoringScheduleConfig$],
      2
    ];
    var UpdateMonitoringScheduleResponse$ = [
      3,
      n0,
      _UMSRp,
      0,
      [_MSA],
      [0],
      1
    ];
    var UpdateNotebookInstanceInput$ = [
      3,
      n0,
      _UNII,
      0,
      [_NIN, _ITn, _IAT, _PIl, _RAo, _LCN, _DLC, _VSIGB, _DCR, _ACR, _ATc, _DAT, _DDCR, _DACR, _RAoo, _IMSC],
      [0, 0, 0, 0, 0, 0, 2, 1, 0, 64 | 0, 64 | 0, 2, 2, 2, 0, () => InstanceMetadataServiceConfiguration$],
      1
    ];
    var UpdateNotebookInstanceLifecycleConfigInput$ = [
      3,
      n0,
      _UNILCI,
      0,
      [_NILCN, _OCn, _OSn],
      [0, () => NotebookInstanceLifecycleConfigList, () => NotebookInstanceLifecycleConfigList],
      1
    ];
    var UpdateNotebookInstanceLifecycleConfigOutput$ = [
      3,
      n0,
      _UNILCO,
      0,
      [],
      []
    ];
    var UpdateNotebookInstanceOutput$ = [
      3,
      n0,
      _UNIO,
      0,
      [],
      []
    ];
    var UpdatePartnerAppRequest$ = [
      3,
      n0,
      _UPAR,
      0,
      [_Ar, _MCai, _Ti, _ACp, _ICd, _ATu, _EISBI, _EAMVU, _AVp, _CTl, _Ta],
      [0, () => PartnerAppMaintenanceConfig$, 0, () => PartnerAppConfig$, () => IdcConfigInput$, 0, 2, 2, 0, [0, 4], () => TagList],
      1
    ];
    var UpdatePartnerAppResponse$ = [
      3,
      n0,
      _UPARp,
      0,
      [_Ar],
      [0]
    ];
    var UpdatePipelineExecutionRequest$ = [
      3,
      n0,
      _UPER,
      0,
      [_PEA, _PED, _PEDN, _PCa],
      [0, 0, 0, () => ParallelismConfiguration$],
      1
    ];
    var UpdatePipelineExecutionResponse$ = [
      3,
      n0,
      _UPERp,
      0,
      [_PEA],
      [0]
    ];
    var UpdatePipelineRequest$ = [
      3,
      n0,
      _UPR,
      0,
      [_PNi, _PDN, _PD, _PDSL, _PDi, _RAo, _PCa],
      [0, 0, 0, () => PipelineDefinitionS3Location$, 0, 0, () => ParallelismConfiguration$],
      1
    ];
    var UpdatePipelineResponse$ = [
      3,
      n0,
      _UPRp,
      0,
      [_PAi, _PVI],
      [0, 1]
    ];
    var UpdatePipelineVersionRequest$ = [
      3,
      n0,
      _UPVR,
      0,
      [_PAi, _PVI, _PVDN, _PVD],
      [0, 1, 0, 0],
      2
    ];
    var UpdatePipelineVersionResponse$ = [
      3,
      n0,
      _UPVRp,
      0,
      [_PAi, _PVI],
      [0, 1]
    ];
    var UpdateProjectInput$ = [
      3,
      n0,
      _UPI,
      0,
      [_PNr, _PDr, _SCPUD, _Ta, _TPTU],
      [0, 0, () => ServiceCatalogProvisioningUpdateDetails$, () => TagList, () => UpdateTemplateProviderList],
      1
    ];
    var UpdateProjectOutput$ = [
      3,
      n0,
      _UPO,
      0,
      [_PAr],
      [0],
      1
    ];
    var UpdateSpaceRequest$ = [
      3,
      n0,
      _USR,
      0,
      [_DI, _SN, _SS, _SDN],
      [0, 0, () => SpaceSettings$, 0],
      2
    ];
    var UpdateSpaceResponse$ = [
      3,
      n0,
      _USRp,
      0,
      [_SAp],
      [0]
    ];
    var UpdateTemplateProvider$ = [
      3,
      n0,
      _UTP,
      0,
      [_CTPf],
      [() => CfnUpdateTemplateProvider$]
    ];
    var UpdateTrainingJobRequest$ = [
      3,
      n0,
      _UTJR,
      0,
      [_TJN, _PCr, _PRC, _RCe, _RDC],
      [0, () => ProfilerConfigForUpdate$, () => ProfilerRuleConfigurations, () => ResourceConfigForUpdate$, () => RemoteDebugConfigForUpdate$],
      1
    ];
    var UpdateTrainingJobResponse$ = [
      3,
      n0,
      _UTJRp,
      0,
      [_TJA],
      [0],
      1
    ];
    var UpdateTrialComponentRequest$ = [
      3,
      n0,
      _UTCR,
      0,
      [_TCN, _DNi, _St, _STt, _ETn, _P, _PTRa, _IAn, _IATR, _OA, _OATR],
      [0, 0, () => TrialComponentStatus$, 4, 4, () => TrialComponentParameters, 64 | 0, () => TrialComponentArtifacts, 64 | 0, () => TrialComponentArtifacts, 64 | 0],
      1
    ];
    var UpdateTrialComponentResponse$ = [
      3,
      n0,
      _UTCRp,
      0,
      [_TCA],
      [0]
    ];
    var UpdateTrialRequest$ = [
      3,
      n0,
      _UTR,
      0,
      [_TN, _DNi],
      [0, 0],
      1
    ];
    var UpdateTrialResponse$ = [
      3,
      n0,
      _UTRp,
      0,
      [_TA],
      [0]
    ];
    var UpdateUserProfileRequest$ = [
      3,
      n0,
      _UUPR,
      0,
      [_DI, _UPN, _US],
      [0, 0, () => UserSettings$],
      2
    ];
    var UpdateUserProfileResponse$ = [
      3,
      n0,
      _UUPRp,
      0,
      [_UPA],
      [0]
    ];
    var UpdateWorkforceRequest$ = [
      3,
      n0,
      _UWR,
      0,
      [_WN, _SIC, _OCi, _WVC, _IAT],
      [0, () => SourceIpConfig$, [() => OidcConfig$, 0], () => WorkforceVpcConfigRequest$, 0],
      1
    ];
    var UpdateWorkforceResponse$ = [
      3,
      n0,
      _UWRp,
      0,
      [_W],
      [() => Workforce$],
      1
    ];
    var UpdateWorkteamRequest$ = [
      3,
      n0,
      _UWRpd,
      0,
      [_WNo, _MDem, _D, _NCo, _WAC],
      [0, () => MemberDefinitions, 0, () => NotificationConfiguration$, () => WorkerAccessConfiguration$],
      1
    ];
    var UpdateWorkteamResponse$ = [
      3,
      n0,
      _UWRpda,
      0,
      [_Wo],
      [() => Workteam$],
      1
    ];
    var USD$ = [
      3,
      n0,
      _USD,
      0,
      [_Dol, _Ce, _TFOAC],
      [1, 1, 1]
    ];
    var UserContext$ = [
      3,
      n0,
      _UCs,
      0,
      [_UPA, _UPN, _DI, _IIa],
      [0, 0, 0, () => IamIdentity$]
    ];
    var UserProfileDetails$ = [
      3,
      n0,
      _UPD,
      0,
      [_DI, _UPN, _St, _CT, _LMT],
      [0, 0, 0, 4, 4]
    ];
    var UserSettings$ = [
      3,
      n0,
      _US,
      0,
      [_ERx, _SG, _SSh, _JSAS, _KGAS, _TBAS, _RSSPAS, _RSAS, _CAS, _CEAS, _JLAS, _SSSp, _DLU, _SWP, _CPUC, _CFSC, _SWPS, _AMHEFS],
      [0, 64 | 0, () => SharingSettings$, () => JupyterServerAppSettings$, () => KernelGatewayAppSettings$, () => TensorBoardAppSettings$, () => RStudioServerProAppSettings$, () => RSessionAppSettings$, () => CanvasAppSettings$, () => CodeEditorAppSettings$, () => JupyterLabAppSettings$, () => DefaultSpaceStorageSettings$, 0, 0, () => CustomPosixUserConfig$, () => CustomFileSystemConfigs, () => StudioWebPortalSettings$, 0]
    ];
    var VariantProperty$ = [
      3,
      n0,
      _VPa,
      0,
      [_VPT],
      [0],
      1
    ];
    var VectorConfig$ = [
      3,
      n0,
      _VCe,
      0,
      [_Dim],
      [1],
      1
    ];
    var Vertex$ = [
      3,
      n0,
      _Ver,
      0,
      [_Ar, _T, _LTin],
      [0, 0, 0]
    ];
    var VisibilityConditions$ = [
      3,
      n0,
      _VCi,
      0,
      [_K, _Va],
      [0, 0]
    ];
    var VpcConfig$ = [
      3,
      n0,
      _VC,
      0,
      [_SGI, _Sub],
      [64 | 0, 64 | 0],
      2
    ];
    var WarmPoolStatus$ = [
      3,
      n0,
      _WPS,
      0,
      [_St, _RRBTIS, _RBJ],
      [0, 1, 0],
      1
    ];
    var WorkerAccessConfiguration$ = [
      3,
      n0,
      _WAC,
      0,
      [_SPr],
      [() => S3Presign$]
    ];
    var Workforce$ = [
      3,
      n0,
      _W,
      0,
      [_WN, _WA, _LUD, _SIC, _SDu, _CCog, _OCi, _CDr, _WVC, _St, _FR, _IAT],
      [0, 0, 4, () => SourceIpConfig$, 0, () => CognitoConfig$, () => OidcConfigForResponse$, 4, () => WorkforceVpcConfigResponse$, 0, 0, 0],
      2
    ];
    var WorkforceVpcConfigRequest$ = [
      3,
      n0,
      _WVCR,
      0,
      [_VIp, _SGI, _Sub],
      [0, 64 | 0, 64 | 0]
    ];
    var WorkforceVpcConfigResponse$ = [
      3,
      n0,
      _WVCRo,
      0,
      [_VIp, _SGI, _Sub, _VEI],
      [0, 64 | 0, 64 | 0, 0],
      3
    ];
    var WorkspaceSettings$ = [
      3,
      n0,
      _WSo,
      0,
      [_SAP, _SKKI],
      [0, 0]
    ];
    var Workteam$ = [
      3,
      n0,
      _Wo,
      0,
      [_WNo, _MDem, _WAo, _D, _WA, _PLI, _SDu, _CDr, _LUD, _NCo, _WAC],
      [0, () => MemberDefinitions, 0, 0, 0, 64 | 0, 0, 4, 4, () => NotificationConfiguration$, () => WorkerAccessConfiguration$],
      4
    ];
    var __Unit = "unit";
    var AbsoluteBorrowLimitResourceList = [
      1,
      n0,
      _ABLRL,
      0,
      () => ComputeQuotaResourceConfig$
    ];
    var ActionSummaries = [
      1,
      n0,
      _AScti,
      0,
      () => ActionSummary$
    ];
    var AddClusterNodeSpecificationList = [
      1,
      n0,
      _ACNSL,
      0,
      () => AddClusterNodeSpecification$
    ];
    var AdditionalInferenceSpecifications = [
      1,
      n0,
      _AIS,
      0,
      () => AdditionalInferenceSpecificationDefinition$
    ];
    var AdditionalModelDataSources = [
      1,
      n0,
      _AMDSd,
      0,
      () => AdditionalModelDataSource$
    ];
    var AgentVersions = [
      1,
      n0,
      _AVg,
      0,
      () => AgentVersion$
    ];
    var AIAdapterModelPackageEntryList = [
      1,
      n0,
      _AIAMPEL,
      0,
      () => AIAdapterModelPackageEntry$
    ];
    var AIAdapterS3EntryList = [
      1,
      n0,
      _AIASEL,
      0,
      () => AIAdapterS3Entry$
    ];
    var AIBenchmarkInferenceComponentList = [
      1,
      n0,
      _AIBICL,
      0,
      () => AIBenchmarkInferenceComponent$
    ];
    var AIBenchmarkJobSummaryList = [
      1,
      n0,
      _AIBJSL,
      0,
      () => AIBenchmarkJobSummary$
    ];
    var AICloudWatchLogsList = [
      1,
      n0,
      _AICWLL,
      0,
      () => AICloudWatchLogs$
    ];
    var AIRecommendationConstraintList = [
      1,
      n0,
      _AIRCL,
      0,
      () => AIRecommendationConstraint$
    ];
    var AIRecommendationDeploymentS3ChannelList = [
      1,
      n0,
      _AIRDSCL,
      0,
      () => AIRecommendationDeploymentS3Channel$
    ];
    var AIRecommendationInstanceDetailList = [
      1,
      n0,
      _AIRIDL,
      0,
      () => AIRecommendationInstanceDetail$
    ];
    var AIRecommendationJobSummaryList = [
      1,
      n0,
      _AIRJSL,
      0,
      () => AIRecommendationJobSummary$
    ];
    var AIRecommendationList = [
      1,
      n0,
      _AIRL,
      0,
      () => AIRecommendation$
    ];
    var AIRecommendationOptimizationDetailList = [
      1,
      n0,
      _AIRODL,
      0,
      () => AIRecommendationOptimizationDetail$
    ];
    var AIWorkloadConfigSummaryList = [
      1,
      n0,
      _AIWCSL,
      0,
      () => AIWorkloadConfigSummary$
    ];
    var AIWorkloadInputDataConfigList = [
      1,
      n0,
      _AIWIDCL,
      0,
      () => AIWorkloadInputDataConfig$
    ];
    var AlarmList = [
      1,
      n0,
      _AL,
      0,
      () => Alarm$
    ];
    var AlgorithmStatusItemList = [
      1,
      n0,
      _ASIL,
      0,
      () => AlgorithmStatusItem$
    ];
    var AlgorithmSummaryList = [
      1,
      n0,
      _ASL,
      0,
      () => AlgorithmSummary$
    ];
    var AlgorithmValidationProfiles = [
      1,
      n0,
      _AVPl,
      0,
      () => AlgorithmValidationProfile$
    ];
    var AppImageConfigList = [
      1,
      n0,
      _AICL,
      0,
      () => AppImageConfigDetails$
    ];
    var AppList = [
      1,
      n0,
      _ALp,
      0,
      () => AppDetails$
    ];
    var ArtifactSourceTypes = [
      1,
      n0,
      _ASTr,
      0,
      () => ArtifactSourceType$
    ];
    var ArtifactSummaries = [
      1,
      n0,
      _ASrti,
      0,
      () => ArtifactSummary$
    ];
    var AssociationInfoList = [
      1,
      n0,
      _AIL,
      0,
      () => AssociationInfo$
    ];
    var AssociationSummaries = [
      1,
      n0,
      _ASss,
      0,
      () => AssociationSummary$
    ];
    var AuthorizedUrlConfigs = [
      1,
      n0,
      _AUC,
      0,
      () => AuthorizedUrl$
    ];
    var AutoMLAlgorithmsConfig = [
      1,
      n0,
      _AMLACu,
      0,
      () => AutoMLAlgorithmConfig$
    ];
    var AutoMLCandidates = [
      1,
      n0,
      _AMLCut,
      0,
      () => AutoMLCandidate$
    ];
    var AutoMLContainerDefinitions = [
      1,
      n0,
      _AMLCDu,
      0,
      () => AutoMLContainerDefinition$
    ];
    var AutoMLInputDataConfig = [
      1,
      n0,
      _AMLIDC,
      0,
      () => AutoMLChannel$
    ];
    var AutoMLJobInputDataConfig = [
      1,
      n0,
      _AMLJIDC,
      0,
      () => AutoMLJobChannel$
    ];
    var AutoMLJobSummaries = [
      1,
      n0,
      _AMLJSut,
      0,
      () => AutoMLJobSummary$
    ];
    var AutoMLPartialFailureReasons = [
      1,
      n0,
      _AMLPFRu,
      0,
      () => AutoMLPartialFailureReason$
    ];
    var AutoParameters = [
      1,
      n0,
      _APu,
      0,
      () => AutoParameter$
    ];
    var AutoRollbackAlarms = [
      1,
      n0,
      _ARAu,
      0,
      () => AlarmDetails$
    ];
    var BatchAddClusterNodesErrorList = [
      1,
      n0,
      _BACNEL,
      0,
      () => BatchAddClusterNodesError$
    ];
    var BatchDeleteClusterNodeLogicalIdsErrorList = [
      1,
      n0,
      _BDCNLIEL,
      0,
      () => BatchDeleteClusterNodeLogicalIdsError$
    ];
    var BatchDeleteClusterNodesErrorList = [
      1,
      n0,
      _BDCNEL,
      0,
      () => BatchDeleteClusterNodesError$
    ];
    var BatchRebootClusterNodeLogicalIdsErrors = [
      1,
      n0,
      _BRCNLIEat,
      0,
      () => BatchRebootClusterNodeLogicalIdsError$
    ];
    var BatchRebootClusterNodesErrors = [
      1,
      n0,
      _BRCNEat,
      0,
      () => BatchRebootClusterNodesError$
    ];
    var BatchReplaceClusterNodeLogicalIdsErrors = [
      1,
      n0,
      _BRCNLIEatc,
      0,
      () => BatchReplaceClusterNodeLogicalIdsError$
    ];
    var BatchReplaceClusterNodesErrors = [
      1,
      n0,
      _BRCNEatc,
      0,
      () => BatchReplaceClusterNodesError$
    ];
    var CandidateSteps = [
      1,
      n0,
      _CSa,
      0,
      () => AutoMLCandidateStep$
    ];
    var CaptureOptionList = [
      1,
      n0,
      _COL,
      0,
      () => CaptureOption$
    ];
    var CategoricalParameterRanges = [
      1,
      n0,
      _CPRa,
      0,
      () => CategoricalParameterRange$
    ];
    var CategoricalParameters = [
      1,
      n0,
      _CPat,
      0,
      () => CategoricalParameter$
    ];
    var CfnStackCreateParameters = [
      1,
      n0,
      _CSCPf,
      0,
      () => CfnStackCreateParameter$
    ];
    var CfnStackParameters = [
      1,
      n0,
      _CSPf,
      0,
      () => CfnStackParameter$
    ];
    var CfnStackUpdateParameters = [
      1,
      n0,
      _CSUPf,
      0,
      () => CfnStackUpdateParameter$
    ];
    var ChannelSpecifications = [
      1,
      n0,
      _CSha,
      0,
      () => ChannelSpecification$
    ];
    var ClusterEventSummaries = [
      1,
      n0,
      _CESl,
      0,
      () => ClusterEventSummary$
    ];
    var ClusterInstanceGroupDetailsList = [
      1,
      n0,
      _CIGDL,
      0,
      () => ClusterInstanceGroupDetails$
    ];
    var ClusterInstanceGroupSpecifications = [
      1,
      n0,
      _CIGSl,
      0,
      () => ClusterInstanceGroupSpecification$
    ];
    var ClusterInstanceStorageConfigs = [
      1,
      n0,
      _CISC,
      0,
      () => ClusterInstanceStorageConfig$
    ];
    var ClusterInstanceTypeDetails = [
      1,
      n0,
      _CITDl,
      0,
      () => ClusterInstanceTypeDetail$
    ];
    var ClusterKubernetesTaints = [
      1,
      n0,
      _CKTl,
      0,
      () => ClusterKubernetesTaint$
    ];
    var ClusterNodeSummaries = [
      1,
      n0,
      _CNSl,
      0,
      () => ClusterNodeSummary$
    ];
    var ClusterRestrictedInstanceGroupDetailsList = [
      1,
      n0,
      _CRIGDL,
      0,
      () => ClusterRestrictedInstanceGroupDetails$
    ];
    var ClusterRestrictedInstanceGroupSpecifications = [
      1,
      n0,
      _CRIGSl,
      0,
      () => ClusterRestrictedInstanceGroupSpecification$
    ];
    var ClusterSchedulerConfigSummaryList = [
      1,
      n0,
      _CSCSL,
      0,
      () => ClusterSchedulerConfigSummary$
    ];
    var ClusterSummaries = [
      1,
      n0,
      _CSlus,
      0,
      () => ClusterSummary$
    ];
    var CodeRepositories = [
      1,
      n0,
      _CRod,
      0,
      () => CodeRepository$
    ];
    var CodeRepositorySummaryList = [
      1,
      n0,
      _CRSL,
      0,
      () => CodeRepositorySummary$
    ];
    var CollectionConfigurations = [
      1,
      n0,
      _CColl,
      0,
      () => CollectionConfiguration$
    ];
    var CompilationJobSummaries = [
      1,
      n0,
      _CJSom,
      0,
      () => CompilationJobSummary$
    ];
    var ComputeQuotaResourceConfigList = [
      1,
      n0,
      _CQRCL,
      0,
      () => ComputeQuotaResourceConfig$
    ];
    var ComputeQuotaSummaryList = [
      1,
      n0,
      _CQSL,
      0,
      () => ComputeQuotaSummary$
    ];
    var ContainerDefinitionList = [
      1,
      n0,
      _CDL,
      0,
      () => ContainerDefinition$
    ];
    var ContextSummaries = [
      1,
      n0,
      _CSont,
      0,
      () => ContextSummary$
    ];
    var ContinuousParameterRanges = [
      1,
      n0,
      _CPRon,
      0,
      () => ContinuousParameterRange$
    ];
    var CreateTemplateProviderList = [
      1,
      n0,
      _CTPL,
      0,
      () => CreateTemplateProvider$
    ];
    var CustomFileSystemConfigs = [
      1,
      n0,
      _CFSC,
      0,
      () => CustomFileSystemConfig$
    ];
    var CustomFileSystems = [
      1,
      n0,
      _CFS,
      0,
      () => CustomFileSystem$
    ];
    var CustomImages = [
      1,
      n0,
      _CI,
      0,
      () => CustomImage$
    ];
    var DebugRuleConfigurations = [
      1,
      n0,
      _DRC,
      0,
      () => DebugRuleConfiguration$
    ];
    var DebugRuleEvaluationStatuses = [
      1,
      n0,
      _DRESe,
      0,
      () => DebugRuleEvaluationStatus$
    ];
    var DeepHealthCheckConfigurations = [
      1,
      n0,
      _DHCC,
      0,
      () => InstanceGroupHealthCheckConfiguration$
    ];
    var DeployedImages = [
      1,
      n0,
      _DIep,
      0,
      () => DeployedImage$
    ];
    var DeploymentStages = [
      1,
      n0,
      _DSepl,
      0,
      () => DeploymentStage$
    ];
    var DeploymentStageStatusSummaries = [
      1,
      n0,
      _DSSSep,
      0,
      () => DeploymentStageStatusSummary$
    ];
    var DesiredWeightAndCapacityList = [
      1,
      n0,
      _DWACL,
      0,
      () => DesiredWeightAndCapacity$
    ];
    var DeviceDeploymentSummaries = [
      1,
      n0,
      _DDSevi,
      0,
      () => DeviceDeploymentSummary$
    ];
    var DeviceFleetSummaries = [
      1,
      n0,
      _DFSe,
      0,
      () => DeviceFleetSummary$
    ];
    var Devices = [
      1,
      n0,
      _Dev,
      0,
      () => Device$
    ];
    var DeviceSummaries = [
      1,
      n0,
      _DSevic,
      0,
      () => DeviceSummary$
    ];
    var DomainList = [
      1,
      n0,
      _DLo,
      0,
      () => DomainDetails$
    ];
    var Ec2CapacityReservationsList = [
      1,
      n0,
      _ECRL,
      0,
      () => Ec2CapacityReservation$
    ];
    var EdgeDeploymentModelConfigs = [
      1,
      n0,
      _EDMCd,
      0,
      () => EdgeDeploymentModelConfig$
    ];
    var EdgeDeploymentPlanSummaries = [
      1,
      n0,
      _EDPSd,
      0,
      () => EdgeDeploymentPlanSummary$
    ];
    var EdgeModels = [
      1,
      n0,
      _EMdg,
      0,
      () => EdgeModel$
    ];
    var EdgeModelStats = [
      1,
      n0,
      _EMSdg,
      0,
      () => EdgeModelStat$
    ];
    var EdgeModelSummaries = [
      1,
      n0,
      _EMSdge,
      0,
      () => EdgeModelSummary$
    ];
    var EdgePackagingJobSummaries = [
      1,
      n0,
      _EPJSdg,
      0,
      () => EdgePackagingJobSummary$
    ];
    var Edges = [
      1,
      n0,
      _Edg,
      0,
      () => Edge$
    ];
    var EndpointConfigSummaryList = [
      1,
      n0,
      _ECSL,
      0,
      () => EndpointConfigSummary$
    ];
    var EndpointInputConfigurations = [
      1,
      n0,
      _EICnd,
      0,
      () => EndpointInputConfiguration$
    ];
    var EndpointPerformances = [
      1,
      n0,
      _EPn,
      0,
      () => EndpointPerformance$
    ];
    var Endpoints = [
      1,
      n0,
      _End,
      0,
      () => EndpointInfo$
    ];
    var EndpointSummaryList = [
      1,
      n0,
      _ESL,
      0,
      () => EndpointSummary$
    ];
    var EnvironmentParameters = [
      1,
      n0,
      _EPnvi,
      0,
      () => EnvironmentParameter$
    ];
    var ExpectedPerformanceList = [
      1,
      n0,
      _EPL,
      0,
      () => AIRecommendationPerformanceMetric$
    ];
    var ExperimentSummaries = [
      1,
      n0,
      _ESxpe,
      0,
      () => ExperimentSummary$
    ];
    var FeatureAdditions = [
      1,
      n0,
      _FAe,
      0,
      () => FeatureDefinition$
    ];
    var FeatureDefinitions = [
      1,
      n0,
      _FD,
      0,
      () => FeatureDefinition$
    ];
    var FeatureGroupSummaries = [
      1,
      n0,
      _FGSea,
      0,
      () => FeatureGroupSummary$
    ];
    var FeatureParameterAdditions = [
      1,
      n0,
      _FPA,
      0,
      () => FeatureParameter$
    ];
    var FeatureParameters = [
      1,
      n0,
      _FPe,
      0,
      () => FeatureParameter$
    ];
    var FilterList = [
      1,
      n0,
      _FL,
      0,
      () => Filter$
    ];
    var FinalMetricDataList = [
      1,
      n0,
      _FMDL,
      0,
      () => MetricData$
    ];
    var FlowDefinitionSummaries = [
      1,
      n0,
      _FDSlo,
      0,
      () => FlowDefinitionSummary$
    ];
    var HiddenSageMakerImageVersionAliasesList = [
      1,
      n0,
      _HSMIVAL,
      0,
      () => HiddenSageMakerImage$
    ];
    var HolidayConfig = [
      1,
      n0,
      _HCo,
      0,
      () => HolidayConfigAttributes$
    ];
    var HubContentDependencyList = [
      1,
      n0,
      _HCDL,
      0,
      () => HubContentDependency$
    ];
    var HubContentInfoList = [
      1,
      n0,
      _HCIL,
      0,
      () => HubContentInfo$
    ];
    var HubInfoList = [
      1,
      n0,
      _HIL,
      0,
      () => HubInfo$
    ];
    var HumanTaskUiSummaries = [
      1,
      n0,
      _HTUSum,
      0,
      () => HumanTaskUiSummary$
    ];
    var HyperParameterSpecifications = [
      1,
      n0,
      _HPSy,
      0,
      () => HyperParameterSpecification$
    ];
    var HyperParameterTrainingJobDefinitions = [
      1,
      n0,
      _HPTJDy,
      0,
      () => HyperParameterTrainingJobDefinition$
    ];
    var HyperParameterTrainingJobSummaries = [
      1,
      n0,
      _HPTJSyper,
      0,
      () => HyperParameterTrainingJobSummary$
    ];
    var HyperParameterTuningInstanceConfigs = [
      1,
      n0,
      _HPTICy,
      0,
      () => HyperParameterTuningInstanceConfig$
    ];
    var HyperParameterTuningJobObjectives = [
      1,
      n0,
      _HPTJOy,
      0,
      () => HyperParameterTuningJobObjective$
    ];
    var HyperParameterTuningJobSummaries = [
      1,
      n0,
      _HPTJSype,
      0,
      () => HyperParameterTuningJobSummary$
    ];
    var IdentityProviderOAuthSettings = [
      1,
      n0,
      _IPOAS,
      0,
      () => IdentityProviderOAuthSetting$
    ];
    var Images = [
      1,
      n0,
      _Ima,
      0,
      () => Image$
    ];
    var ImageVersions = [
      1,
      n0,
      _IVm,
      0,
      () => ImageVersion$
    ];
    var InferenceComponentPlacementStatusList = [
      1,
      n0,
      _ICPSL,
      0,
      () => InferenceComponentPlacementStatus$
    ];
    var InferenceComponentSpecificationList = [
      1,
      n0,
      _ICSL,
      0,
      () => InferenceComponentSpecification$
    ];
    var InferenceComponentSpecificationSummaryList = [
      1,
      n0,
      _ICSSL,
      0,
      () => InferenceComponentSpecificationSummary$
    ];
    var InferenceComponentSummaryList = [
      1,
      n0,
      _ICSLn,
      0,
      () => InferenceComponentSummary$
    ];
    var InferenceExperimentList = [
      1,
      n0,
      _IEL,
      0,
      () => InferenceExperimentSummary$
    ];
    var InferenceRecommendations = [
      1,
      n0,
      _IRnf,
      0,
      () => InferenceRecommendation$
    ];
    var InferenceRecommendationsJobs = [
      1,
      n0,
      _IRJn,
      0,
      () => InferenceRecommendationsJob$
    ];
    var InferenceRecommendationsJobSteps = [
      1,
      n0,
      _IRJSn,
      0,
      () => InferenceRecommendationsJobStep$
    ];
    var InputDataConfig = [
      1,
      n0,
      _IDC,
      0,
      () => Channel$
    ];
    var InstanceGroups = [
      1,
      n0,
      _IG,
      0,
      () => InstanceGroup$
    ];
    var InstancePoolList = [
      1,
      n0,
      _IPL,
      0,
      () => InstancePool$
    ];
    var InstancePoolSummaryList = [
      1,
      n0,
      _IPSL,
      0,
      () => InstancePoolSummary$
    ];
    var InstancePreferenceList = [
      1,
      n0,
      _IPLn,
      0,
      () => InstancePreference$
    ];
    var InstanceRequirementsEniConfigurations = [
      1,
      n0,
      _IREC,
      0,
      () => InstanceRequirementsEniConfiguration$
    ];
    var IntegerParameterRanges = [
      1,
      n0,
      _IPRn,
      0,
      () => IntegerParameterRange$
    ];
    var JobConfigSchemas = [
      1,
      n0,
      _JCSo,
      0,
      () => JobConfigSchemaVersionSummary$
    ];
    var JobSecondaryStatusTransitions = [
      1,
      n0,
      _JSSTo,
      0,
      () => JobSecondaryStatusTransition$
    ];
    var JobSummaries = [
      1,
      n0,
      _JSobu,
      0,
      () => JobSummary$
    ];
    var KernelSpecs = [
      1,
      n0,
      _KSe,
      0,
      () => KernelSpec$
    ];
    var LabelingJobForWorkteamSummaryList = [
      1,
      n0,
      _LJFWSL,
      0,
      () => LabelingJobForWorkteamSummary$
    ];
    var LabelingJobSummaryList = [
      1,
      n0,
      _LJSL,
      0,
      () => LabelingJobSummary$
    ];
    var LineageGroupSummaries = [
      1,
      n0,
      _LGSi,
      0,
      () => LineageGroupSummary$
    ];
    var MemberDefinitions = [
      1,
      n0,
      _MDem,
      0,
      () => MemberDefinition$
    ];
    var MetricDataList = [
      1,
      n0,
      _MDL,
      0,
      () => MetricDatum$
    ];
    var MetricDefinitionList = [
      1,
      n0,
      _MDLe,
      0,
      () => MetricDefinition$
    ];
    var MetricsEndpointList = [
      1,
      n0,
      _MEL,
      0,
      () => MetricsEndpoint$
    ];
    var MlflowAppSummaries = [
      1,
      n0,
      _MASlf,
      0,
      () => MlflowAppSummary$
    ];
    var ModelCardExportJobSummaryList = [
      1,
      n0,
      _MCEJSL,
      0,
      () => ModelCardExportJobSummary$
    ];
    var ModelCardSummaryList = [
      1,
      n0,
      _MCSL,
      0,
      () => ModelCardSummary$
    ];
    var ModelCardVersionSummaryList = [
      1,
      n0,
      _MCVSL,
      0,
      () => ModelCardVersionSummary$
    ];
    var ModelDashboardEndpoints = [
      1,
      n0,
      _MDEo,
      0,
      () => ModelDashboardEndpoint$
    ];
    var ModelDashboardMonitoringSchedules = [
      1,
      n0,
      _MDMSo,
      0,
      () => ModelDashboardMonitoringSchedule$
    ];
    var ModelLatencyThresholds = [
      1,
      n0,
      _MLTo,
      0,
      () => ModelLatencyThreshold$
    ];
    var ModelMetadataFilters = [
      1,
      n0,
      _MMFo,
      0,
      () => ModelMetadataFilter$
    ];
    var ModelMetadataSummaries = [
      1,
      n0,
      _MMS,
      0,
      () => ModelMetadataSummary$
    ];
    var ModelPackageContainerDefinitionList = [
      1,
      n0,
      _MPCDL,
      0,
      () => ModelPackageContainerDefinition$
    ];
    var ModelPackageGroupSummaryList = [
      1,
      n0,
      _MPGSL,
      0,
      () => ModelPackageGroupSummary$
    ];
    var ModelPackageStatusItemList = [
      1,
      n0,
      _MPSIL,
      0,
      () => ModelPackageStatusItem$
    ];
    var ModelPackageSummaryList = [
      1,
      n0,
      _MPSL,
      0,
      () => ModelPackageSummary$
    ];
    var ModelPackageValidationProfiles = [
      1,
      n0,
      _MPVPo,
      0,
      () => ModelPackageValidationProfile$
    ];
    var ModelSummaryList = [
      1,
      n0,
      _MSL,
      0,
      () => ModelSummary$
    ];
    var ModelVariantConfigList = [
      1,
      n0,
      _MVCL,
      0,
      () => ModelVariantConfig$
    ];
    var ModelVariantConfigSummaryList = [
      1,
      n0,
      _MVCSL,
      0,
      () => ModelVariantConfigSummary$
    ];
    var MonitoringAlertHistoryList = [
      1,
      n0,
      _MAHL,
      0,
      () => MonitoringAlertHistorySummary$
    ];
    var MonitoringAlertSummaryList = [
      1,
      n0,
      _MASL,
      0,
      () => MonitoringAlertSummary$
    ];
    var MonitoringExecutionSummaryList = [
      1,
      n0,
      _MESL,
      0,
      () => MonitoringExecutionSummary$
    ];
    var MonitoringInputs = [
      1,
      n0,
      _MIoni,
      0,
      () => MonitoringInput$
    ];
    var MonitoringJobDefinitionSummaryList = [
      1,
      n0,
      _MJDSL,
      0,
      () => MonitoringJobDefinitionSummary$
    ];
    var MonitoringOutputs = [
      1,
      n0,
      _MOo,
      0,
      () => MonitoringOutput$
    ];
    var MonitoringScheduleList = [
      1,
      n0,
      _MSLo,
      0,
      () => MonitoringSchedule$
    ];
    var MonitoringScheduleSummaryList = [
      1,
      n0,
      _MSSL,
      0,
      () => MonitoringScheduleSummary$
    ];
    var NestedFiltersList = [
      1,
      n0,
      _NFL,
      0,
      () => NestedFilters$
    ];
    var NodeAdditionResultList = [
      1,
      n0,
      _NARL,
      0,
      () => NodeAdditionResult$
    ];
    var NotebookInstanceLifecycleConfigList = [
      1,
      n0,
      _NILCL,
      0,
      () => NotebookInstanceLifecycleHook$
    ];
    var NotebookInstanceLifecycleConfigSummaryList = [
      1,
      n0,
      _NILCSL,
      0,
      () => NotebookInstanceLifecycleConfigSummary$
    ];
    var NotebookInstanceSummaryList = [
      1,
      n0,
      _NISL,
      0,
      () => NotebookInstanceSummary$
    ];
    var OptimizationConfigs = [
      1,
      n0,
      _OCp,
      0,
      () => OptimizationConfig$
    ];
    var OptimizationJobSummaries = [
      1,
      n0,
      _OJSp,
      0,
      () => OptimizationJobSummary$
    ];
    var OutputParameterList = [
      1,
      n0,
      _OPL,
      0,
      () => OutputParameter$
    ];
    var ParameterList = [
      1,
      n0,
      _PLa,
      0,
      () => Parameter$
    ];
    var ParentHyperParameterTuningJobs = [
      1,
      n0,
      _PHPTJ,
      0,
      () => ParentHyperParameterTuningJob$
    ];
    var Parents = [
      1,
      n0,
      _Paren,
      0,
      () => Parent$
    ];
    var PartnerAppSummaries = [
      1,
      n0,
      _PASa,
      0,
      () => PartnerAppSummary$
    ];
    var PendingProductionVariantSummaryList = [
      1,
      n0,
      _PPVSL,
      0,
      () => PendingProductionVariantSummary$
    ];
    var Phases = [
      1,
      n0,
      _Pha,
      0,
      () => Phase$
    ];
    var PipelineExecutionStepList = [
      1,
      n0,
      _PESL,
      0,
      () => PipelineExecutionStep$
    ];
    var PipelineExecutionSummaryList = [
      1,
      n0,
      _PESLi,
      0,
      () => PipelineExecutionSummary$
    ];
    var PipelineSummaryList = [
      1,
      n0,
      _PSLi,
      0,
      () => PipelineSummary$
    ];
    var PipelineVersionSummaryList = [
      1,
      n0,
      _PVSL,
      0,
      () => PipelineVersionSummary$
    ];
    var PlacementSpecifications = [
      1,
      n0,
      _PSlac,
      0,
      () => PlacementSpecification$
    ];
    var PriorityClassList = [
      1,
      n0,
      _PCL,
      0,
      () => PriorityClass$
    ];
    var ProcessingInputs = [
      1,
      n0,
      _PIr,
      0,
      () => ProcessingInput$
    ];
    var ProcessingInstancePreferenceList = [
      1,
      n0,
      _PIPL,
      0,
      () => ProcessingInstancePreference$
    ];
    var ProcessingJobSummaries = [
      1,
      n0,
      _PJSr,
      0,
      () => ProcessingJobSummary$
    ];
    var ProcessingOutputs = [
      1,
      n0,
      _POr,
      0,
      () => ProcessingOutput$
    ];
    var ProductionVariantList = [
      1,
      n0,
      _PVL,
      0,
      () => ProductionVariant$
    ];
    var ProductionVariantStatusList = [
      1,
      n0,
      _PVSLr,
      0,
      () => ProductionVariantStatus$
    ];
    var ProductionVariantSummaryList = [
      1,
      n0,
      _PVSLro,
      0,
      () => ProductionVariantSummary$
    ];
    var ProfilerRuleConfigurations = [
      1,
      n0,
      _PRC,
      0,
      () => ProfilerRuleConfiguration$
    ];
    var ProfilerRuleEvaluationStatuses = [
      1,
      n0,
      _PRES,
      0,
      () => ProfilerRuleEvaluationStatus$
    ];
    var ProjectSummaryList = [
      1,
      n0,
      _PSL,
      0,
      () => ProjectSummary$
    ];
    var PropertyNameSuggestionList = [
      1,
      n0,
      _PNSL,
      0,
      () => PropertyNameSuggestion$
    ];
    var ProvisioningParameters = [
      1,
      n0,
      _PProv,
      0,
      () => ProvisioningParameter$
    ];
    var RealTimeInferenceRecommendations = [
      1,
      n0,
      _RTIR,
      0,
      () => RealTimeInferenceRecommendation$
    ];
    var RenderingErrorList = [
      1,
      n0,
      _REL,
      0,
      () => RenderingError$
    ];
    var ReservedCapacityOfferings = [
      1,
      n0,
      _RCOe,
      0,
      () => ReservedCapacityOffering$
    ];
    var ReservedCapacitySummaries = [
      1,
      n0,
      _RCS,
      0,
      () => ReservedCapacitySummary$
    ];
    var ResourceCatalogList = [
      1,
      n0,
      _RCL,
      0,
      () => ResourceCatalog$
    ];
    var RoleGroupAssignmentsList = [
      1,
      n0,
      _RGAL,
      0,
      () => RoleGroupAssignment$
    ];
    var ScalingPolicies = [
      1,
      n0,
      _SP,
      0,
      () => ScalingPolicy$
    ];
    var SearchExpressionList = [
      1,
      n0,
      _SEL,
      0,
      () => SearchExpression$
    ];
    var SearchResultsList = [
      1,
      n0,
      _SRL,
      0,
      [
        () => SearchRecord$,
        0
      ]
    ];
    var SecondaryStatusTransitions = [
      1,
      n0,
      _SST,
      0,
      () => SecondaryStatusTransition$
    ];
    var SelectedStepList = [
      1,
      n0,
      _SSL,
      0,
      () => SelectedStep$
    ];
    var ShadowModelVariantConfigList = [
      1,
      n0,
      _SMVCL,
      0,
      () => ShadowModelVariantConfig$
    ];
    var SourceAlgorithmList = [
      1,
      n0,
      _SAL,
      0,
      () => SourceAlgorithm$
    ];
    var SpaceList = [
      1,
      n0,
      _SLp,
      0,
      () => SpaceDetails$
    ];
    var StudioLifecycleConfigsList = [
      1,
      n0,
      _SLCL,
      0,
      () => StudioLifecycleConfigDetails$
    ];
    var SubscribedWorkteams = [
      1,
      n0,
      _SWu,
      0,
      () => SubscribedWorkteam$
    ];
    var TagList = [
      1,
      n0,
      _TLa,
      0,
      () => Tag$
    ];
    var TemplateProviderDetailList = [
      1,
      n0,
      _TPDL,
      0,
      () => TemplateProviderDetail$
    ];
    var TrackingServerSummaryList = [
      1,
      n0,
      _TSSL,
      0,
      () => TrackingServerSummary$
    ];
    var TrainingJobSummaries = [
      1,
      n0,
      _TJSra,
      0,
      () => TrainingJobSummary$
    ];
    var TrainingPlanExtensionOfferings = [
      1,
      n0,
      _TPEO,
      0,
      () => TrainingPlanExtensionOffering$
    ];
    var TrainingPlanExtensions = [
      1,
      n0,
      _TPE,
      0,
      () => TrainingPlanExtension$
    ];
    var TrainingPlanFilters = [
      1,
      n0,
      _TPFr,
      0,
      () => TrainingPlanFilter$
    ];
    var TrainingPlanOfferings = [
      1,
      n0,
      _TPO,
      0,
      () => TrainingPlanOffering$
    ];
    var TrainingPlanSummaries = [
      1,
      n0,
      _TPSr,
      0,
      () => TrainingPlanSummary$
    ];
    var TransformJobSummaries = [
      1,
      n0,
      _TJSran,
      0,
      () => TransformJobSummary$
    ];
    var TrialComponentMetricSummaries = [
      1,
      n0,
      _TCMSr,
      0,
      () => TrialComponentMetricSummary$
    ];
    var TrialComponentSimpleSummaries = [
      1,
      n0,
      _TCSSr,
      0,
      () => TrialComponentSimpleSummary$
    ];
    var TrialComponentSources = [
      1,
      n0,
      _TCSrial,
      0,
      () => TrialComponentSource$
    ];
    var TrialComponentSummaries = [
      1,
      n0,
      _TCS,
      0,
      () => TrialComponentSummary$
    ];
    var TrialSummaries = [
      1,
      n0,
      _TSr,
      0,
      () => TrialSummary$
    ];
    var UltraServers = [
      1,
      n0,
      _USl,
      0,
      () => UltraServer$
    ];
    var UpdateClusterSoftwareInstanceGroups = [
      1,
      n0,
      _UCSIG,
      0,
      () => UpdateClusterSoftwareInstanceGroupSpecification$
    ];
    var UpdateTemplateProviderList = [
      1,
      n0,
      _UTPL,
      0,
      () => UpdateTemplateProvider$
    ];
    var UserProfileList = [
      1,
      n0,
      _UPL,
      0,
      () => UserProfileDetails$
    ];
    var VariantPropertyList = [
      1,
      n0,
      _VPL,
      0,
      () => VariantProperty$
    ];
    var Vertices = [
      1,
      n0,
      _Ve,
      0,
      () => Vertex$
    ];
    var VisibilityConditionsList = [
      1,
      n0,
      _VCL,
      0,
      () => VisibilityConditions$
    ];
    var Workforces = [
      1,
      n0,
      _Wor,
      0,
      () => Workforce$
    ];
    var Workteams = [
      1,
      n0,
      _Work,
      0,
      () => Workteam$
    ];
    var AutoMLInferenceContainerDefinitions = [
      2,
      n0,
      _AMLICD,
      0,
      0,
      () => AutoMLContainerDefinitions
    ];
    var BatchDescribeModelPackageErrorMap = [
      2,
      n0,
      _BDMPEM,
      0,
      0,
      () => BatchDescribeModelPackageError$
    ];
    var ModelPackageSummaries = [
      2,
      n0,
      _MPS,
      0,
      0,
      () => BatchDescribeModelPackageSummary$
    ];
    var TrialComponentArtifacts = [
      2,
      n0,
      _TCAri,
      0,
      0,
      () => TrialComponentArtifact$
    ];
    var TrialComponentParameters = [
      2,
      n0,
      _TCP,
      0,
      0,
      () => TrialComponentParameterValue$
    ];
    var AIAdapterSource$ = [
      4,
      n0,
      _AIAS,
      0,
      [_MPAo, _SUri],
      [() => AIAdapterModelPackageEntryList, () => AIAdapterS3EntryList]
    ];
    var AIBenchmarkTarget$ = [
      4,
      n0,
      _AIBT,
      0,
      [_En],
      [() => AIBenchmarkEndpoint$]
    ];
    var AIDatasetConfig$ = [
      4,
      n0,
      _AIDC,
      0,
      [_IDC],
      [() => AIWorkloadInputDataConfigList]
    ];
    var AIModelSource$ = [
      4,
      n0,
      _AIMS,
      0,
      [_S_],
      [() => AIModelSourceS3$]
    ];
    var AutoMLProblemTypeConfig$ = [
      4,
      n0,
      _AMLPTC,
      0,
      [_ICJC, _TCJC, _TSFJC, _TJC, _TGJC],
      [() => ImageClassificationJobConfig$, () => TextClassificationJobConfig$, () => TimeSeriesForecastingJobConfig$, () => TabularJobConfig$, () => TextGenerationJobConfig$]
    ];
    var AutoMLProblemTypeResolvedAttributes$ = [
      4,
      n0,
      _AMLPTRA,
      0,
      [_TRA, _TGRA],
      [() => TabularResolvedAttributes$, () => TextGenerationResolvedAttributes$]
    ];
    var ClusterInstanceStorageConfig$ = [
      4,
      n0,
      _CISCl,
      0,
      [_EVC, _FLC, _FOZC],
      [() => ClusterEbsVolumeConfig$, () => ClusterFsxLustreConfig$, () => ClusterFsxOpenZfsConfig$]
    ];
    var CollectionConfig$ = [
      4,
      n0,
      _CColle,
      0,
      [_VCe],
      [() => VectorConfig$]
    ];
    var CustomFileSystem$ = [
      4,
      n0,
      _CFSu,
      0,
      [_EFSFS, _FSLFS, _SFS],
      [() => EFSFileSystem$, () => FSxLustreFileSystem$, () => S3FileSystem$]
    ];
    var CustomFileSystemConfig$ = [
      4,
      n0,
      _CFSCu,
      0,
      [_EFSFSC, _FSLFSC, _SFSC],
      [() => EFSFileSystemConfig$, () => FSxLustreFileSystemConfig$, () => S3FileSystemConfig$]
    ];
    var EventMetadata$ = [
      4,
      n0,
      _EMv,
      0,
      [_Cl, _IGn, _IGS, _Ins],
      [() => ClusterMetadata$, () => InstanceGroupMetadata$, () => InstanceGroupScalingMetadata$, () => InstanceMetadata$]
    ];
    var MetricSpecification$ = [
      4,
      n0,
      _MSet,
      0,
      [_Pre, _Cu],
      [() => PredefinedMetricSpecification$, () => CustomizedMetricSpecification$]
    ];
    var OptimizationConfig$ = [
      4,
      n0,
      _OC,
      0,
      [_MQC, _MCCod, _MSCo, _MSDC],
      [() => ModelQuantizationConfig$, () => ModelCompilationConfig$, () => ModelShardingConfig$, () => ModelSpeculativeDecodingConfig$]
    ];
    var ScalingPolicy$ = [
      4,
      n0,
      _SPc,
      0,
      [_TTa],
      [() => TargetTrackingScalingPolicyConfiguration$]
    ];
    var TrialComponentParameterValue$ = [
      4,
      n0,
      _TCPV,
      0,
      [_SV, _NV],
      [0, 1]
    ];
    var WorkloadSpec$ = [
      4,
      n0,
      _WS,
      0,
      [_Inl],
      [0]
    ];
    var AddAssociation$ = [
      9,
      n0,
      _AAd,
      0,
      () => AddAssociationRequest$,
      () => AddAssociationResponse$
    ];
    var AddTags$ = [
      9,
      n0,
      _ATd,
      0,
      () => AddTagsInput$,
      () => AddTagsOutput$
    ];
    var AssociateTrialComponent$ = [
      9,
      n0,
      _ATC,
      0,
      () => AssociateTrialComponentRequest$,
      () => AssociateTrialComponentResponse$
    ];
    var AttachClusterNodeNetworkInterface$ = [
      9,
      n0,
      _ACNNI,
      0,
      () => AttachClusterNodeNetworkInterfaceRequest$,
      () => AttachClusterNodeNetworkInterfaceResponse$
    ];
    var AttachClusterNodeVolume$ = [
      9,
      n0,
      _ACNV,
      0,
      () => AttachClusterNodeVolumeRequest$,
      () => AttachClusterNodeVolumeResponse$
    ];
    var BatchAddClusterNodes$ = [
      9,
      n0,
      _BACN,
      0,
      () => BatchAddClusterNodesRequest$,
      () => BatchAddClusterNodesResponse$
    ];
    var BatchDeleteClusterNodes$ = [
      9,
      n0,
      _BDCN,
      0,
      () => BatchDeleteClusterNodesRequest$,
      () => BatchDeleteClusterNodesResponse$
    ];
    var BatchDescribeModelPackage$ = [
      9,
      n0,
      _BDMP,
      0,
      () => BatchDescribeModelPackageInput$,
      () => BatchDescribeModelPackageOutput$
    ];
    var BatchRebootClusterNodes$ = [
      9,
      n0,
      _BRCN,
      0,
      () => BatchRebootClusterNodesRequest$,
      () => BatchRebootClusterNodesResponse$
    ];
    var BatchReplaceClusterNodes$ = [
      9,
      n0,
      _BRCNa,
      0,
      () => BatchReplaceClusterNodesRequest$,
      () => BatchReplaceClusterNodesResponse$
    ];
    var CreateAction$ = [
      9,
      n0,
      _CArea,
      0,
      () => CreateActionRequest$,
      () => CreateActionResponse$
    ];
    var CreateAIBenchmarkJob$ = [
      9,
      n0,
      _CAIBJ,
      0,
      () => CreateAIBenchmarkJobRequest$,
      () => CreateAIBenchmarkJobResponse$
    ];
    var CreateAIRecommendationJob$ = [
      9,
      n0,
      _CAIRJ,
      0,
      () => CreateAIRecommendationJobRequest$,
      () => CreateAIRecommendationJobResponse$
    ];
    var CreateAIWorkloadConfig$ = [
      9,
      n0,
      _CAIWC,
      0,
      () => CreateAIWorkloadConfigRequest$,
      () => CreateAIWorkloadConfigResponse$
    ];
    var CreateAlgorithm$ = [
      9,
      n0,
      _CAreat,
      0,
      () => CreateAlgorithmInput$,
      () => CreateAlgorithmOutput$
    ];
    var CreateApp$ = [
      9,
      n0,
      _CAreate,
      0,
      () => CreateAppRequest$,
      () => CreateAppResponse$
    ];
    var CreateAppImageConfig$ = [
      9,
      n0,
      _CAIC,
      0,
      () => CreateAppImageConfigRequest$,
      () => CreateAppImageConfigResponse$
    ];
    var CreateArtifact$ = [
      9,
      n0,
      _CAreater,
      0,
      () => CreateArtifactRequest$,
      () => CreateArtifactResponse$
    ];
    var CreateAutoMLJob$ = [
      9,
      n0,
      _CAMLJ,
      0,
      () => CreateAutoMLJobRequest$,
      () => CreateAutoMLJobResponse$
    ];
    var CreateAutoMLJobV2$ = [
      9,
      n0,
      _CAMLJV,
      0,
      () => CreateAutoMLJobV2Request$,
      () => CreateAutoMLJobV2Response$
    ];
    var CreateCluster$ = [
      9,
      n0,
      _CCr,
      0,
      () => CreateClusterRequest$,
      () => CreateClusterResponse$
    ];
    var CreateClusterSchedulerConfig$ = [
      9,
      n0,
      _CCSC,
      0,
      () => CreateClusterSchedulerConfigRequest$,
      () => CreateClusterSchedulerConfigResponse$
    ];
    var CreateCodeRepository$ = [
      9,
      n0,
      _CCRreate,
      0,
      () => CreateCodeRepositoryInput$,
      () => CreateCodeRepositoryOutput$
    ];
    var CreateCompilationJob$ = [
      9,
      n0,
      _CCJ,
      0,
      () => CreateCompilationJobRequest$,
      () => CreateCompilationJobResponse$
    ];
    var CreateComputeQuota$ = [
      9,
      n0,
      _CCQ,
      0,
      () => CreateComputeQuotaRequest$,
      () => CreateComputeQuotaResponse$
    ];
    var CreateContext$ = [
      9,
      n0,
      _CCre,
      0,
      () => CreateContextRequest$,
      () => CreateContextResponse$
    ];
    var CreateDataQualityJobDefinition$ = [
      9,
      n0,
      _CDQJD,
      0,
      () => CreateDataQualityJobDefinitionRequest$,
      () => CreateDataQualityJobDefinitionResponse$
    ];
    var CreateDeviceFleet$ = [
      9,
      n0,
      _CDF,
      0,
      () => CreateDeviceFleetRequest$,
      () => __Unit
    ];
    var CreateDomain$ = [
      9,
      n0,
      _CDre,
      0,
      () => CreateDomainRequest$,
      () => CreateDomainResponse$
    ];
    var CreateEdgeDeploymentPlan$ = [
      9,
      n0,
      _CEDP,
      0,
      () => CreateEdgeDeploymentPlanRequest$,
      () => CreateEdgeDeploymentPlanResponse$
    ];
    var CreateEdgeDeploymentStage$ = [
      9,
      n0,
      _CEDS,
      0,
      () => CreateEdgeDeploymentStageRequest$,
      () => __Unit
    ];
    var CreateEdgePackagingJob$ = [
      9,
      n0,
      _CEPJ,
      0,
      () => CreateEdgePackagingJobRequest$,
      () => __Unit
    ];
    var CreateEndpoint$ = [
      9,
      n0,
      _CEr,
      0,
      () => CreateEndpointInput$,
      () => CreateEndpointOutput$
    ];
    var CreateEndpointConfig$ = [
      9,
      n0,
      _CECr,
      0,
      () => CreateEndpointConfigInput$,
      () => CreateEndpointConfigOutput$
    ];
    var CreateExperiment$ = [
      9,
      n0,
      _CEre,
      0,
      () => CreateExperimentRequest$,
      () => CreateExperimentResponse$
    ];
    var CreateFeatureGroup$ = [
      9,
      n0,
      _CFG,
      0,
      () => CreateFeatureGroupRequest$,
      () => CreateFeatureGroupResponse$
    ];
    var CreateFlowDefinition$ = [
      9,
      n0,
      _CFD,
      0,
      () => CreateFlowDefinitionRequest$,
      () => CreateFlowDefinitionResponse$
    ];
    var CreateHub$ = [
      9,
      n0,
      _CHr,
      0,
      () => CreateHubRequest$,
      () => CreateHubResponse$
    ];
    var CreateHubContentPresignedUrls$ = [
      9,
      n0,
      _CHCPU,
      0,
      () => CreateHubContentPresignedUrlsRequest$,
      () => CreateHubContentPresignedUrlsResponse$
    ];
    var CreateHubContentReference$ = [
      9,
      n0,
      _CHCR,
      0,
      () => CreateHubContentReferenceRequest$,
      () => CreateHubContentReferenceResponse$
    ];
    var CreateHumanTaskUi$ = [
      9,
      n0,
      _CHTU,
      0,
      () => CreateHumanTaskUiRequest$,
      () => CreateHumanTaskUiResponse$
    ];
    var CreateHyperParameterTuningJob$ = [
      9,
      n0,
      _CHPTJ,
      0,
      () => CreateHyperParameterTuningJobRequest$,
      () => CreateHyperParameterTuningJobResponse$
    ];
    var CreateImage$ = [
      9,
      n0,
      _CIr,
      0,
      () => CreateImageRequest$,
      () => CreateImageResponse$
    ];
    var CreateImageVersion$ = [
      9,
      n0,
      _CIV,
      0,
      () => CreateImageVersionRequest$,
      () => CreateImageVersionResponse$
    ];
    var CreateInferenceComponent$ = [
      9,
      n0,
      _CICr,
      0,
      () => CreateInferenceComponentInput$,
      () => CreateInferenceComponentOutput$
    ];
    var CreateInferenceExperiment$ = [
      9,
      n0,
      _CIE,
      0,
      () => CreateInferenceExperimentRequest$,
      () => CreateInferenceExperimentResponse$
    ];
    var CreateInferenceRecommendationsJob$ = [
      9,
      n0,
      _CIRJ,
      0,
      () => CreateInferenceRecommendationsJobRequest$,
      () => CreateInferenceRecommendationsJobResponse$
    ];
    var CreateJob$ = [
      9,
      n0,
      _CJ,
      0,
      () => CreateJobRequest$,
      () => CreateJobResponse$
    ];
    var CreateLabelingJob$ = [
      9,
      n0,
      _CLJ,
      0,
      () => CreateLabelingJobRequest$,
      () => CreateLabelingJobResponse$
    ];
    var CreateMlflowApp$ = [
      9,
      n0,
      _CMA,
      0,
      () => CreateMlflowAppRequest$,
      () => CreateMlflowAppResponse$
    ];
    var CreateMlflowTrackingServer$ = [
      9,
      n0,
      _CMTS,
      0,
      () => CreateMlflowTrackingServerRequest$,
      () => CreateMlflowTrackingServerResponse$
    ];
    var CreateModel$ = [
      9,
      n0,
      _CMr,
      0,
      () => CreateModelInput$,
      () => CreateModelOutput$
    ];
    var CreateModelBiasJobDefinition$ = [
      9,
      n0,
      _CMBJD,
      0,
      () => CreateModelBiasJobDefinitionRequest$,
      () => CreateModelBiasJobDefinitionResponse$
    ];
    var CreateModelCard$ = [
      9,
      n0,
      _CMCr,
      0,
      () => CreateModelCardRequest$,
      () => CreateModelCardResponse$
    ];
    var CreateModelCardExportJob$ = [
      9,
      n0,
      _CMCEJ,
      0,
      () => CreateModelCardExportJobRequest$,
      () => CreateModelCardExportJobResponse$
    ];
    var CreateModelExplainabilityJobDefinition$ = [
      9,
      n0,
      _CMEJD,
      0,
      () => CreateModelExplainabilityJobDefinitionRequest$,
      () => CreateModelExplainabilityJobDefinitionResponse$
    ];
    var CreateModelPackage$ = [
      9,
      n0,
      _CMPr,
      0,
      () => CreateModelPackageInput$,
      () => CreateModelPackageOutput$
    ];
    var CreateModelPackageGroup$ = [
      9,
      n0,
      _CMPG,
      0,
      () => CreateModelPackageGroupInput$,
      () => CreateModelPackageGroupOutput$
    ];
    var CreateModelQualityJobDefinition$ = [
      9,
      n0,
      _CMQJD,
      0,
      () => CreateModelQualityJobDefinitionRequest$,
      () => CreateModelQualityJobDefinitionResponse$
    ];
    var CreateMonitoringSchedule$ = [
      9,
      n0,
      _CMSr,
      0,
      () => CreateMonitoringScheduleRequest$,
      () => CreateMonitoringScheduleResponse$
    ];
    var CreateNotebookInstance$ = [
      9,
      n0,
      _CNIr,
      0,
      () => CreateNotebookInstanceInput$,
      () => CreateNotebookInstanceOutput$
    ];
    var CreateNotebookInstanceLifecycleConfig$ = [
      9,
      n0,
      _CNILC,
      0,
      () => CreateNotebookInstanceLifecycleConfigInput$,
      () => CreateNotebookInstanceLifecycleConfigOutput$
    ];
    var CreateOptimizationJob$ = [
      9,
      n0,
      _COJ,
      0,
      () => CreateOptimizationJobRequest$,
      () => CreateOptimizationJobResponse$
    ];
    var CreatePartnerApp$ = [
      9,
      n0,
      _CPA,
      0,
      () => CreatePartnerAppRequest$,
      () => CreatePartnerAppResponse$
    ];
    var CreatePartnerAppPresignedUrl$ = [
      9,
      n0,
      _CPAPU,
      0,
      () => CreatePartnerAppPresignedUrlRequest$,
      () => CreatePartnerAppPresignedUrlResponse$
    ];
    var CreatePipeline$ = [
      9,
      n0,
      _CPr,
      0,
      () => CreatePipelineRequest$,
      () => CreatePipelineResponse$
    ];
    var CreatePresignedDomainUrl$ = [
      9,
      n0,
      _CPDU,
      0,
      () => CreatePresignedDomainUrlRequest$,
      () => CreatePresignedDomainUrlResponse$
    ];
    var CreatePresignedMlflowAppUrl$ = [
      9,
      n0,
      _CPMAU,
      0,
      () => CreatePresignedMlflowAppUrlRequest$,
      () => CreatePresignedMlflowAppUrlResponse$
    ];
    var CreatePresignedMlflowTrackingServerUrl$ = [
      9,
      n0,
      _CPMTSU,
      0,
      () => CreatePresignedMlflowTrackingServerUrlRequest$,
      () => CreatePresignedMlflowTrackingServerUrlResponse$
    ];
    var CreatePresignedNotebookInstanceUrl$ = [
      9,
      n0,
      _CPNIU,
      0,
      () => CreatePresignedNotebookInstanceUrlInput$,
      () => CreatePresignedNotebookInstanceUrlOutput$
    ];
    var CreateProcessingJob$ = [
      9,
      n0,
      _CPJ,
      0,
      () => CreateProcessingJobRequest$,
      () => CreateProcessingJobResponse$
    ];
    var CreateProject$ = [
      9,
      n0,
      _CPre,
      0,
      () => CreateProjectInput$,
      () => CreateProjectOutput$
    ];
    var CreateSpace$ = [
      9,
      n0,
      _CSr,
      0,
      () => CreateSpaceRequest$,
      () => CreateSpaceResponse$
    ];
    var CreateStudioLifecycleConfig$ = [
      9,
      n0,
      _CSLC,
      0,
      () => CreateStudioLifecycleConfigRequest$,
      () => CreateStudioLifecycleConfigResponse$
    ];
    var CreateTrainingJob$ = [
      9,
      n0,
      _CTJ,
      0,
      () => CreateTrainingJobRequest$,
      () => CreateTrainingJobResponse$
    ];
    var CreateTrainingPlan$ = [
      9,
      n0,
      _CTPr,
      0,
      () => CreateTrainingPlanRequest$,
      () => CreateTrainingPlanResponse$
    ];
    var CreateTransformJob$ = [
      9,
      n0,
      _CTJr,
      0,
      () => CreateTransformJobRequest$,
      () => CreateTransformJobResponse$
    ];
    var CreateTrial$ = [
      9,
      n0,
      _CTr,
      0,
      () => CreateTrialRequest$,
      () => CreateTrialResponse$
    ];
    var CreateTrialComponent$ = [
      9,
      n0,
      _CTCr,
      0,
      () => CreateTrialComponentRequest$,
      () => CreateTrialComponentResponse$
    ];
    var CreateUserProfile$ = [
      9,
      n0,
      _CUP,
      0,
      () => CreateUserProfileRequest$,
      () => CreateUserProfileResponse$
    ];
    var CreateWorkforce$ = [
      9,
      n0,
      _CWr,
      0,
      () => CreateWorkforceRequest$,
      () => CreateWorkforceResponse$
    ];
    var CreateWorkteam$ = [
      9,
      n0,
      _CWre,
      0,
      () => CreateWorkteamRequest$,
      () => CreateWorkteamResponse$
    ];
    var DeleteAction$ = [
      9,
      n0,
      _DAel,
      0,
      () => DeleteActionRequest$,
      () => DeleteActionResponse$
    ];
    var DeleteAIBenchmarkJob$ = [
      9,
      n0,
      _DAIBJ,
      0,
      () => DeleteAIBenchmarkJobRequest$,
      () => DeleteAIBenchmarkJobResponse$
    ];
    var DeleteAIRecommendationJob$ = [
      9,
      n0,
      _DAIRJ,
      0,
      () => DeleteAIRecommendationJobRequest$,
      () => DeleteAIRecommendationJobResponse$
    ];
    var DeleteAIWorkloadConfig$ = [
      9,
      n0,
      _DAIWC,
      0,
      () => DeleteAIWorkloadConfigRequest$,
      () => DeleteAIWorkloadConfigResponse$
    ];
    var DeleteAlgorithm$ = [
      9,
      n0,
      _DAele,
      0,
      () => DeleteAlgorithmInput$,
      () => __Unit
    ];
    var DeleteApp$ = [
      9,
      n0,
      _DAelet,
      0,
      () => DeleteAppRequest$,
      () => __Unit
    ];
    var DeleteAppImageConfig$ = [
      9,
      n0,
      _DAIC,
      0,
      () => DeleteAppImageConfigRequest$,
      () => __Unit
    ];
    var DeleteArtifact$ = [
      9,
      n0,
      _DAelete,
      0,
      () => DeleteArtifactRequest$,
      () => DeleteArtifactResponse$
    ];
    var DeleteAssociation$ = [
      9,
      n0,
      _DAeletes,
      0,
      () => DeleteAssociationRequest$,
      () => DeleteAssociationResponse$
    ];
    var DeleteCluster$ = [
      9,
      n0,
      _DCel,
      0,
      () => DeleteClusterRequest$,
      () => DeleteClusterResponse$
    ];
    var DeleteClusterSchedulerConfig$ = [
      9,
      n0,
      _DCSC,
      0,
      () => DeleteClusterSchedulerConfigRequest$,
      () => __Unit
    ];
    var DeleteCodeRepository$ = [
      9,
      n0,
      _DCRelete,
      0,
      () => DeleteCodeRepositoryInput$,
      () => __Unit
    ];
    var DeleteCompilationJob$ = [
      9,
      n0,
      _DCJ,
      0,
      () => DeleteCompilationJobRequest$,
      () => __Unit
    ];
    var DeleteComputeQuota$ = [
      9,
      n0,
      _DCQ,
      0,
      () => DeleteComputeQuotaRequest$,
      () => __Unit
    ];
    var DeleteContext$ = [
      9,
      n0,
      _DCele,
      0,
      () => DeleteContextRequest$,
      () => DeleteContextResponse$
    ];
    var DeleteDataQualityJobDefinition$ = [
      9,
      n0,
      _DDQJD,
      0,
      () => DeleteDataQualityJobDefinitionRequest$,
      () => __Unit
    ];
    var DeleteDeviceFleet$ = [
      9,
      n0,
      _DDF,
      0,
      () => DeleteDeviceFleetRequest$,
      () => __Unit
    ];
    var DeleteDomain$ = [
      9,
      n0,
      _DDe,
      0,
      () => DeleteDomainRequest$,
      () => __Unit
    ];
    var DeleteEdgeDeploymentPlan$ = [
      9,
      n0,
      _DEDP,
      0,
      () => DeleteEdgeDeploymentPlanRequest$,
      () => __Unit
    ];
    var DeleteEdgeDeploymentStage$ = [
      9,
      n0,
      _DEDS,
      0,
      () => DeleteEdgeDeploymentStageRequest$,
      () => __Unit
    ];
    var DeleteEndpoint$ = [
      9,
      n0,
      _DE,
      0,
      () => DeleteEndpointInput$,
      () => __Unit
    ];
    var DeleteEndpointConfig$ = [
      9,
      n0,
      _DEC,
      0,
      () => DeleteEndpointConfigInput$,
      () => __Unit
    ];
    var DeleteExperiment$ = [
      9,
      n0,
      _DEe,
      0,
      () => DeleteExperimentRequest$,
      () => DeleteExperimentResponse$
    ];
    var DeleteFeatureGroup$ = [
      9,
      n0,
      _DFG,
      0,
      () => DeleteFeatureGroupRequest$,
      () => __Unit
    ];
    var DeleteFlowDefinition$ = [
      9,
      n0,
      _DFD,
      0,
      () => DeleteFlowDefinitionRequest$,
      () => DeleteFlowDefinitionResponse$
    ];
    var DeleteHub$ = [
      9,
      n0,
      _DHe,
      0,
      () => DeleteHubRequest$,
      () => __Unit
    ];
    var DeleteHubContent$ = [
      9,
      n0,
      _DHCel,
      0,
      () => DeleteHubContentRequest$,
      () => __Unit
    ];
    var DeleteHubContentReference$ = [
      9,
      n0,
      _DHCRel,
      0,
      () => DeleteHubContentReferenceRequest$,
      () => __Unit
    ];
    var DeleteHumanTaskUi$ = [
      9,
      n0,
      _DHTU,
      0,
      () => DeleteHumanTaskUiRequest$,
      () => DeleteHumanTaskUiResponse$
    ];
    var DeleteHyperParameterTuningJob$ = [
      9,
      n0,
      _DHPTJ,
      0,
      () => DeleteHyperParameterTuningJobRequest$,
      () => __Unit
    ];
    var DeleteImage$ = [
      9,
      n0,
      _DIel,
      0,
      () => DeleteImageRequest$,
      () => DeleteImageResponse$
    ];
    var DeleteImageVersion$ = [
      9,
      n0,
      _DIV,
      0,
      () => DeleteImageVersionRequest$,
      () => DeleteImageVersionResponse$
    ];
    var DeleteInferenceComponent$ = [
      9,
      n0,
      _DICe,
      0,
      () => DeleteInferenceComponentInput$,
      () => __Unit
    ];
    var DeleteInferenceExperiment$ = [
      9,
      n0,
      _DIEe,
      0,
      () => DeleteInferenceExperimentRequest$,
      () => DeleteInferenceExperimentResponse$
    ];
    var DeleteJob$ = [
      9,
      n0,
      _DJ,
      2,
      () => DeleteJobRequest$,
      () => DeleteJobResponse$
    ];
    var DeleteMlflowApp$ = [
      9,
      n0,
      _DMA,
      0,
      () => DeleteMlflowAppRequest$,
      () => DeleteMlflowAppResponse$
    ];
    var DeleteMlflowTrackingServer$ = [
      9,
      n0,
      _DMTS,
      0,
      () => DeleteMlflowTrackingServerRequest$,
      () => DeleteMlflowTrackingServerResponse$
    ];
    var DeleteModel$ = [
      9,
      n0,
      _DMe,
      0,
      () => DeleteModelInput$,
      () => __Unit
    ];
    var DeleteModelBiasJobDefinition$ = [
      9,
      n0,
      _DMBJD,
      0,
      () => DeleteModelBiasJobDefinitionRequest$,
      () => __Unit
    ];
    var DeleteModelCard$ = [
      9,
      n0,
      _DMC,
      0,
      () => DeleteModelCardRequest$,
      () => __Unit
    ];
    var DeleteModelExplainabilityJobDefinition$ = [
      9,
      n0,
      _DMEJD,
      0,
      () => DeleteModelExplainabilityJobDefinitionRequest$,
      () => __Unit
    ];
    var DeleteModelPackage$ = [
      9,
      n0,
      _DMP,
      0,
      () => DeleteModelPackageInput$,
      () => __Unit
    ];
    var DeleteModelPackageGroup$ = [
      9,
      n0,
      _DMPG,
      0,
      () => DeleteModelPackageGroupInput$,
      () => __Unit
    ];
    var DeleteModelPackageGroupPolicy$ = [
      9,
      n0,
      _DMPGP,
      0,
      () => DeleteModelPackageGroupPolicyInput$,
      () => __Unit
    ];
    var DeleteModelQualityJobDefinition$ = [
      9,
      n0,
      _DMQJD,
      0,
      () => DeleteModelQualityJobDefinitionRequest$,
      () => __Unit
    ];
    var DeleteMonitoringSchedule$ = [
      9,
      n0,
      _DMS,
      0,
      () => DeleteMonitoringScheduleRequest$,
      () => __Unit
    ];
    var DeleteNotebookInstance$ = [
      9,
      n0,
      _DNI,
      0,
      () => DeleteNotebookInstanceInput$,
      () => __Unit
    ];
    var DeleteNotebookInstanceLifecycleConfig$ = [
      9,
      n0,
      _DNILC,
      0,
      () => DeleteNotebookInstanceLifecycleConfigInput$,
      () => __Unit
    ];
    var DeleteOptimizationJob$ = [
      9,
      n0,
      _DOJ,
      0,
      () => DeleteOptimizationJobRequest$,
      () => __Unit
    ];
    var DeletePartnerApp$ = [
      9,
      n0,
      _DPA,
      0,
      () => DeletePartnerAppRequest$,
      () => DeletePartnerAppResponse$
    ];
    var DeletePipeline$ = [
      9,
      n0,
      _DPel,
      0,
      () => DeletePipelineRequest$,
      () => DeletePipelineResponse$
    ];
    var DeleteProcessingJob$ = [
      9,
      n0,
      _DPJ,
      0,
      () => DeleteProcessingJobRequest$,
      () => __Unit
    ];
    var DeleteProject$ = [
      9,
      n0,
      _DPele,
      0,
      () => DeleteProjectInput$,
      () => __Unit
    ];
    var DeleteSpace$ = [
      9,
      n0,
      _DSel,
      0,
      () => DeleteSpaceRequest$,
      () => __Unit
    ];
    var DeleteStudioLifecycleConfig$ = [
      9,
      n0,
      _DSLC,
      0,
      () => DeleteStudioLifecycleConfigRequest$,
      () => __Unit
    ];
    var DeleteTags$ = [
      9,
      n0,
      _DTel,
      0,
      () => DeleteTagsInput$,
      () => DeleteTagsOutput$
    ];
    var DeleteTrainingJob$ = [
      9,
      n0,
      _DTJ,
      0,
      () => DeleteTrainingJobRequest$,
      () => __Unit
    ];
    var DeleteTrial$ = [
      9,
      n0,
      _DTele,
      0,
      () => DeleteTrialRequest$,
      () => DeleteTrialResponse$
    ];
    var DeleteTrialComponent$ = [
      9,
      n0,
      _DTC,
      0,
      () => DeleteTrialComponentRequest$,
      () => DeleteTrialComponentResponse$
    ];
    var DeleteUserProfile$ = [
      9,
      n0,
      _DUP,
      0,
      () => DeleteUserProfileRequest$,
      () => __Unit
    ];
    var DeleteWorkforce$ = [
      9,
      n0,
      _DWe,
      0,
      () => DeleteWorkforceRequest$,
      () => DeleteWorkforceResponse$
    ];
    var DeleteWorkteam$ = [
      9,
      n0,
      _DWel,
      0,
      () => DeleteWorkteamRequest$,
      () => DeleteWorkteamResponse$
    ];
    var DeregisterDevices$ = [
      9,
      n0,
      _DDer,
      0,
      () => DeregisterDevicesRequest$,
      () => __Unit
    ];
    var DescribeAction$ = [
      9,
      n0,
      _DAes,
      0,
      () => DescribeActionRequest$,
      () => DescribeActionResponse$
    ];
    var DescribeAIBenchmarkJob$ = [
      9,
      n0,
      _DAIBJe,
      0,
      () => DescribeAIBenchmarkJobRequest$,
      () => DescribeAIBenchmarkJobResponse$
    ];
    var DescribeAIRecommendationJob$ = [
      9,
      n0,
      _DAIRJe,
      0,
      () => DescribeAIRecommendationJobRequest$,
      () => DescribeAIRecommendationJobResponse$
    ];
    var DescribeAIWorkloadConfig$ = [
      9,
      n0,
      _DAIWCe,
      0,
      () => DescribeAIWorkloadConfigRequest$,
      () => DescribeAIWorkloadConfigResponse$
    ];
    var DescribeAlgorithm$ = [
      9,
      n0,
      _DAesc,
      0,
      () => DescribeAlgorithmInput$,
      () => DescribeAlgorithmOutput$
    ];
    var DescribeApp$ = [
      9,
      n0,
      _DAescr,
      0,
      () => DescribeAppRequest$,
      () => DescribeAppResponse$
    ];
    var DescribeAppImageConfig$ = [
      9,
      n0,
      _DAICe,
      0,
      () => DescribeAppImageConfigRequest$,
      () => DescribeAppImageConfigResponse$
    ];
    var DescribeArtifact$ = [
      9,
      n0,
      _DAescri,
      0,
      () => DescribeArtifactRequest$,
      () => DescribeArtifactResponse$
    ];
    var DescribeAutoMLJob$ = [
      9,
      n0,
      _DAMLJ,
      0,
      () => DescribeAutoMLJobRequest$,
      () => DescribeAutoMLJobResponse$
    ];
    var DescribeAutoMLJobV2$ = [
      9,
      n0,
      _DAMLJV,
      0,
      () => DescribeAutoMLJobV2Request$,
      () => DescribeAutoMLJobV2Response$
    ];
    var DescribeCluster$ = [
      9,
      n0,
      _DCes,
      0,
      () => DescribeClusterRequest$,
      () => DescribeClusterResponse$
    ];
    var DescribeClusterEvent$ = [
      9,
      n0,
      _DCEe,
      0,
      () => DescribeClusterEventRequest$,
      () => DescribeClusterEventResponse$
    ];
    var DescribeClusterNode$ = [
      9,
      n0,
      _DCN,
      0,
      () => DescribeClusterNodeRequest$,
      () => DescribeClusterNodeResponse$
    ];
    var DescribeClusterSchedulerConfig$ = [
      9,
      n0,
      _DCSCe,
      0,
      () => DescribeClusterSchedulerConfigRequest$,
      () => DescribeClusterSchedulerConfigResponse$
    ];
    var DescribeCodeRepository$ = [
      9,
      n0,
      _DCRescrib,
      0,
      () => DescribeCodeRepositoryInput$,
      () => DescribeCodeRepositoryOutput$
    ];
    var DescribeCompilationJob$ = [
      9,
      n0,
      _DCJe,
      0,
      () => DescribeCompilationJobRequest$,
      () => DescribeCompilationJobResponse$
    ];
    var DescribeComputeQuota$ = [
      9,
      n0,
      _DCQe,
      0,
      () => DescribeComputeQuotaRequest$,
      () => DescribeComputeQuotaResponse$
    ];
    var DescribeContext$ = [
      9,
      n0,
      _DCesc,
      0,
      () => DescribeContextRequest$,
      () => DescribeContextResponse$
    ];
    var DescribeDataQualityJobDefinition$ = [
      9,
      n0,
      _DDQJDe,
      0,
      () => DescribeDataQualityJobDefinitionRequest$,
      () => DescribeDataQualityJobDefinitionResponse$
    ];
    var DescribeDevice$ = [
      9,
      n0,
      _DDes,
      0,
      () => DescribeDeviceRequest$,
      () => DescribeDeviceResponse$
    ];
    var DescribeDeviceFleet$ = [
      9,
      n0,
      _DDFe,
      0,
      () => DescribeDeviceFleetRequest$,
      () => DescribeDeviceFleetResponse$
    ];
    var DescribeDomain$ = [
      9,
      n0,
      _DDesc,
      0,
      () => DescribeDomainRequest$,
      () => DescribeDomainResponse$
    ];
    var DescribeEdgeDeploymentPlan$ = [
      9,
      n0,
      _DEDPe,
      0,
      () => DescribeEdgeDeploymentPlanRequest$,
      () => DescribeEdgeDeploymentPlanResponse$
    ];
    var DescribeEdgePackagingJob$ = [
      9,
      n0,
      _DEPJ,
      0,
      () => DescribeEdgePackagingJobRequest$,
      () => DescribeEdgePackagingJobResponse$
    ];
    var DescribeEndpoint$ = [
      9,
      n0,
      _DEes,
      0,
      () => DescribeEndpointInput$,
      () => DescribeEndpointOutput$
    ];
    var DescribeEndpointConfig$ = [
      9,
      n0,
      _DECe,
      0,
      () => DescribeEndpointConfigInput$,
      () => DescribeEndpointConfigOutput$
    ];
    var DescribeExperiment$ = [
      9,
      n0,
      _DEesc,
      0,
      () => DescribeExperimentRequest$,
      () => DescribeExperimentResponse$
    ];
    var DescribeFeatureGroup$ = [
      9,
      n0,
      _DFGe,
      0,
      () => DescribeFeatureGroupRequest$,
      () => DescribeFeatureGroupResponse$
    ];
    var DescribeFeatureMetadata$ = [
      9,
      n0,
      _DFM,
      0,
      () => DescribeFeatureMetadataRequest$,
      () => DescribeFeatureMetadataResponse$
    ];
    var DescribeFlowDefinition$ = [
      9,
      n0,
      _DFDe,
      0,
      () => DescribeFlowDefinitionRequest$,
      () => DescribeFlowDefinitionResponse$
    ];
    var DescribeHub$ = [
      9,
      n0,
      _DHes,
      0,
      () => DescribeHubRequest$,
      () => DescribeHubResponse$
    ];
    var DescribeHubContent$ = [
      9,
      n0,
      _DHCes,
      0,
      () => DescribeHubContentRequest$,
      () => DescribeHubContentResponse$
    ];
    var DescribeHumanTaskUi$ = [
      9,
      n0,
      _DHTUe,
      0,
      () => DescribeHumanTaskUiRequest$,
      () => DescribeHumanTaskUiResponse$
    ];
    var DescribeHyperParameterTuningJob$ = [
      9,
      n0,
      _DHPTJe,
      0,
      () => DescribeHyperParameterTuningJobRequest$,
      () => DescribeHyperParameterTuningJobResponse$
    ];
    var DescribeImage$ = [
      9,
      n0,
      _DIes,
      0,
      () => DescribeImageRequest$,
      () => DescribeImageResponse$
    ];
    var DescribeImageVersion$ = [
      9,
      n0,
      _DIVe,
      0,
      () => DescribeImageVersionRequest$,
      () => DescribeImageVersionResponse$
    ];
    var DescribeInferenceComponent$ = [
      9,
      n0,
      _DICes,
      0,
      () => DescribeInferenceComponentInput$,
      () => DescribeInferenceComponentOutput$
    ];
    var DescribeInferenceExperiment$ = [
      9,
      n0,
      _DIEes,
      0,
      () => DescribeInferenceExperimentRequest$,
      () => DescribeInferenceExperimentResponse$
    ];
    var DescribeInferenceRecommendationsJob$ = [
      9,
      n0,
      _DIRJ,
      0,
      () => DescribeInferenceRecommendationsJobRequest$,
      () => DescribeInferenceRecommendationsJobResponse$
    ];
    var DescribeJob$ = [
      9,
      n0,
      _DJe,
      0,
      () => DescribeJobRequest$,
      () => DescribeJobResponse$
    ];
    var DescribeJobSchemaVersion$ = [
      9,
      n0,
      _DJSV,
      0,
      () => DescribeJobSchemaVersionRequest$,
      () => DescribeJobSchemaVersionResponse$
    ];
    var DescribeLabelingJob$ = [
      9,
      n0,
      _DLJ,
      0,
      () => DescribeLabelingJobRequest$,
      () => DescribeLabelingJobResponse$
    ];
    var DescribeLineageGroup$ = [
      9,
      n0,
      _DLG,
      0,
      () => DescribeLineageGroupRequest$,
      () => DescribeLineageGroupResponse$
    ];
    var DescribeMlflowApp$ = [
      9,
      n0,
      _DMAe,
      0,
      () => DescribeMlflowAppRequest$,
      () => DescribeMlflowAppResponse$
    ];
    var DescribeMlflowTrackingServer$ = [
      9,
      n0,
      _DMTSe,
      0,
      () => DescribeMlflowTrackingServerRequest$,
      () => DescribeMlflowTrackingServerResponse$
    ];
    var DescribeModel$ = [
      9,
      n0,
      _DMes,
      0,
      () => DescribeModelInput$,
      () => DescribeModelOutput$
    ];
    var DescribeModelBiasJobDefinition$ = [
      9,
      n0,
      _DMBJDe,
      0,
      () => DescribeModelBiasJobDefinitionRequest$,
      () => DescribeModelBiasJobDefinitionResponse$
    ];
    var DescribeModelCard$ = [
      9,
      n0,
      _DMCe,
      0,
      () => DescribeModelCardRequest$,
      () => DescribeModelCardResponse$
    ];
    var DescribeModelCardExportJob$ = [
      9,
      n0,
      _DMCEJ,
      0,
      () => DescribeModelCardExportJobRequest$,
      () => DescribeModelCardExportJobResponse$
    ];
    var DescribeModelExplainabilityJobDefinition$ = [
      9,
      n0,
      _DMEJDe,
      0,
      () => DescribeModelExplainabilityJobDefinitionRequest$,
      () => DescribeModelExplainabilityJobDefinitionResponse$
    ];
    var DescribeModelPackage$ = [
      9,
      n0,
      _DMPe,
      0,
      () => DescribeModelPackageInput$,
      () => DescribeModelPackageOutput$
    ];
    var DescribeModelPackageGroup$ = [
      9,
      n0,
      _DMPGe,
      0,
      () => DescribeModelPackageGroupInput$,
      () => DescribeModelPackageGroupOutput$
    ];
    var DescribeModelQualityJobDefinition$ = [
      9,
      n0,
      _DMQJDe,
      0,
      () => DescribeModelQualityJobDefinitionRequest$,
      () => DescribeModelQualityJobDefinitionResponse$
    ];
    var DescribeMonitoringSchedule$ = [
      9,
      n0,
      _DMSe,
      0,
      () => DescribeMonitoringScheduleRequest$,
      () => DescribeMonitoringScheduleResponse$
    ];
    var DescribeNotebookInstance$ = [
      9,
      n0,
      _DNIe,
      0,
      () => DescribeNotebookInstanceInput$,
      () => DescribeNotebookInstanceOutput$
    ];
    var DescribeNotebookInstanceLifecycleConfig$ = [
      9,
      n0,
      _DNILCe,
      0,
      () => DescribeNotebookInstanceLifecycleConfigInput$,
      () => DescribeNotebookInstanceLifecycleConfigOutput$
    ];
    var DescribeOptimizationJob$ = [
      9,
      n0,
      _DOJe,
      0,
      () => DescribeOptimizationJobRequest$,
      () => DescribeOptimizationJobResponse$
    ];
    var DescribePartnerApp$ = [
      9,
      n0,
      _DPAe,
      0,
      () => DescribePartnerAppRequest$,
      () => DescribePartnerAppResponse$
    ];
    var DescribePipeline$ = [
      9,
      n0,
      _DPes,
      0,
      () => DescribePipelineRequest$,
      () => DescribePipelineResponse$
    ];
    var DescribePipelineDefinitionForExecution$ = [
      9,
      n0,
      _DPDFE,
      0,
      () => DescribePipelineDefinitionForExecutionRequest$,
      () => DescribePipelineDefinitionForExecutionResponse$
    ];
    var DescribePipelineExecution$ = [
      9,
      n0,
      _DPE,
      0,
      () => DescribePipelineExecutionRequest$,
      () => DescribePipelineExecutionResponse$
    ];
    var DescribeProcessingJob$ = [
      9,
      n0,
      _DPJe,
      0,
      () => DescribeProcessingJobRequest$,
      () => DescribeProcessingJobResponse$
    ];
    var DescribeProject$ = [
      9,
      n0,
      _DPesc,
      0,
      () => DescribeProjectInput$,
      () => DescribeProjectOutput$
    ];
    var DescribeReservedCapacity$ = [
      9,
      n0,
      _DRCesc,
      0,
      () => DescribeReservedCapacityRequest$,
      () => DescribeReservedCapacityResponse$
    ];
    var DescribeSpace$ = [
      9,
      n0,
      _DSesc,
      0,
      () => DescribeSpaceRequest$,
      () => DescribeSpaceResponse$
    ];
    var DescribeStudioLifecycleConfig$ = [
      9,
      n0,
      _DSLCe,
      0,
      () => DescribeStudioLifecycleConfigRequest$,
      () => DescribeStudioLifecycleConfigResponse$
    ];
    var DescribeSubscribedWorkteam$ = [
      9,
      n0,
      _DSW,
      0,
      () => DescribeSubscribedWorkteamRequest$,
      () => DescribeSubscribedWorkteamResponse$
    ];
    var DescribeTrainingJob$ = [
      9,
      n0,
      _DTJe,
      0,
      () => DescribeTrainingJobRequest$,
      () => DescribeTrainingJobResponse$
    ];
    var DescribeTrainingPlan$ = [
      9,
      n0,
      _DTP,
      0,
      () => DescribeTrainingPlanRequest$,
      () => DescribeTrainingPlanResponse$
    ];
    var DescribeTrainingPlanExtensionHistory$ = [
      9,
      n0,
      _DTPEH,
      0,
      () => DescribeTrainingPlanExtensionHistoryRequest$,
      () => DescribeTrainingPlanExtensionHistoryResponse$
    ];
    var DescribeTransformJob$ = [
      9,
      n0,
      _DTJes,
      0,
      () => DescribeTransformJobRequest$,
      () => DescribeTransformJobResponse$
    ];
    var DescribeTrial$ = [
      9,
      n0,
      _DTes,
      0,
      () => DescribeTrialRequest$,
      () => DescribeTrialResponse$
    ];
    var DescribeTrialComponent$ = [
      9,
      n0,
      _DTCe,
      0,
      () => DescribeTrialComponentRequest$,
      () => DescribeTrialComponentResponse$
    ];
    var DescribeUserProfile$ = [
      9,
      n0,
      _DUPe,
      0,
      () => DescribeUserProfileRequest$,
      () => DescribeUserProfileResponse$
    ];
    var DescribeWorkforce$ = [
      9,
      n0,
      _DWes,
      0,
      () => DescribeWorkforceRequest$,
      () => DescribeWorkforceResponse$
    ];
    var DescribeWorkteam$ = [
      9,
      n0,
      _DWesc,
      0,
      () => DescribeWorkteamRequest$,
      () => DescribeWorkteamResponse$
    ];
    var DetachClusterNodeVolume$ = [
      9,
      n0,
      _DCNV,
      0,
      () => DetachClusterNodeVolumeRequest$,
      () => DetachClusterNodeVolumeResponse$
    ];
    var DisableSagemakerServicecatalogPortfolio$ = [
      9,
      n0,
      _DSSP,
      0,
      () => DisableSagemakerServicecatalogPortfolioInput$,
      () => DisableSagemakerServicecatalogPortfolioOutput$
    ];
    var DisassociateTrialComponent$ = [
      9,
      n0,
      _DTCi,
      0,
      () => DisassociateTrialComponentRequest$,
      () => DisassociateTrialComponentResponse$
    ];
    var EnableSagemakerServicecatalogPortfolio$ = [
      9,
      n0,
      _ESSP,
      0,
      () => EnableSagemakerServicecatalogPortfolioInput$,
      () => EnableSagemakerServicecatalogPortfolioOutput$
    ];
    var ExtendTrainingPlan$ = [
      9,
      n0,
      _ETP,
      0,
      () => ExtendTrainingPlanRequest$,
      () => ExtendTrainingPlanResponse$
    ];
    var GetDeviceFleetReport$ = [
      9,
      n0,
      _GDFR,
      0,
      () => GetDeviceFleetReportRequest$,
      () => GetDeviceFleetReportResponse$
    ];
    var GetLineageGroupPolicy$ = [
      9,
      n0,
      _GLGP,
      0,
      () => GetLineageGroupPolicyRequest$,
      () => GetLineageGroupPolicyResponse$
    ];
    var GetModelPackageGroupPolicy$ = [
      9,
      n0,
      _GMPGP,
      0,
      () => GetModelPackageGroupPolicyInput$,
      () => GetModelPackageGroupPolicyOutput$
    ];
    var GetSagemakerServicecatalogPortfolioStatus$ = [
      9,
      n0,
      _GSSPS,
      0,
      () => GetSagemakerServicecatalogPortfolioStatusInput$,
      () => GetSagemakerServicecatalogPortfolioStatusOutput$
    ];
    var GetScalingConfigurationRecommendation$ = [
      9,
      n0,
      _GSCR,
      0,
      () => GetScalingConfigurationRecommendationRequest$,
      () => GetScalingConfigurationRecommendationResponse$
    ];
    var GetSearchSuggestions$ = [
      9,
      n0,
      _GSS,
      0,
      () => GetSearchSuggestionsRequest$,
      () => GetSearchSuggestionsResponse$
    ];
    var ImportHubContent$ = [
      9,
      n0,
      _IHC,
      0,
      () => ImportHubContentRequest$,
      () => ImportHubContentResponse$
    ];
    var ListActions$ = [
      9,
      n0,
      _LAi,
      0,
      () => ListActionsRequest$,
      () => ListActionsResponse$
    ];
    var ListAIBenchmarkJobs$ = [
      9,
      n0,
      _LAIBJ,
      0,
      () => ListAIBenchmarkJobsRequest$,
      () => ListAIBenchmarkJobsResponse$
    ];
    var ListAIRecommendationJobs$ = [
      9,
      n0,
      _LAIRJ,
      0,
      () => ListAIRecommendationJobsRequest$,
      () => ListAIRecommendationJobsResponse$
    ];
    var ListAIWorkloadConfigs$ = [
      9,
      n0,
      _LAIWC,
      0,
      () => ListAIWorkloadConfigsRequest$,
      () => ListAIWorkloadConfigsResponse$
    ];
    var ListAlgorithms$ = [
      9,
      n0,
      _LAis,
      0,
      () => ListAlgorithmsInput$,
      () => ListAlgorithmsOutput$
    ];
    var ListAliases$ = [
      9,
      n0,
      _LAist,
      0,
      () => ListAliasesRequest$,
      () => ListAliasesResponse$
    ];
    var ListAppImageConfigs$ = [
      9,
      n0,
      _LAIC,
      0,
      () => ListAppImageConfigsRequest$,
      () => ListAppImageConfigsResponse$
    ];
    var ListApps$ = [
      9,
      n0,
      _LAistp,
      0,
      () => ListAppsRequest$,
      () => ListAppsResponse$
    ];
    var ListArtifacts$ = [
      9,
      n0,
      _LAistr,
      0,
      () => ListArtifactsRequest$,
      () => ListArtifactsResponse$
    ];
    var ListAssociations$ = [
      9,
      n0,
      _LAists,
      0,
      () => ListAssociationsRequest$,
      () => ListAssociationsResponse$
    ];
    var ListAutoMLJobs$ = [
      9,
      n0,
      _LAMLJ,
      0,
      () => ListAutoMLJobsRequest$,
      () => ListAutoMLJobsResponse$
    ];
    var ListCandidatesForAutoMLJob$ = [
      9,
      n0,
      _LCFAMLJ,
      0,
      () => ListCandidatesForAutoMLJobRequest$,
      () => ListCandidatesForAutoMLJobResponse$
    ];
    var ListClusterEvents$ = [
      9,
      n0,
      _LCE,
      0,
      () => ListClusterEventsRequest$,
      () => ListClusterEventsResponse$
    ];
    var ListClusterNodes$ = [
      9,
      n0,
      _LCNi,
      0,
      () => ListClusterNodesRequest$,
      () => ListClusterNodesResponse$
    ];
    var ListClusters$ = [
      9,
      n0,
      _LCi,
      0,
      () => ListClustersRequest$,
      () => ListClustersResponse$
    ];
    var ListClusterSchedulerConfigs$ = [
      9,
      n0,
      _LCSC,
      0,
      () => ListClusterSchedulerConfigsRequest$,
      () => ListClusterSchedulerConfigsResponse$
    ];
    var ListCodeRepositories$ = [
      9,
      n0,
      _LCRisto,
      0,
      () => ListCodeRepositoriesInput$,
      () => ListCodeRepositoriesOutput$
    ];
    var ListCompilationJobs$ = [
      9,
      n0,
      _LCJ,
      0,
      () => ListCompilationJobsRequest$,
      () => ListCompilationJobsResponse$
    ];
    var ListComputeQuotas$ = [
      9,
      n0,
      _LCQ,
      0,
      () => ListComputeQuotasRequest$,
      () => ListComputeQuotasResponse$
    ];
    var ListContexts$ = [
      9,
      n0,
      _LCis,
      0,
      () => ListContextsRequest$,
      () => ListContextsResponse$
    ];
    var ListDataQualityJobDefinitions$ = [
      9,
      n0,
      _LDQJD,
      0,
      () => ListDataQualityJobDefinitionsRequest$,
      () => ListDataQualityJobDefinitionsResponse$
    ];
    var ListDeviceFleets$ = [
      9,
      n0,
      _LDF,
      0,
      () => ListDeviceFleetsRequest$,
      () => ListDeviceFleetsResponse$
    ];
    var ListDevices$ = [
      9,
      n0,
      _LD,
      0,
      () => ListDevicesRequest$,
      () => ListDevicesResponse$
    ];
    var ListDomains$ = [
      9,
      n0,
      _LDi,
      0,
      () => ListDomainsRequest$,
      () => ListDomainsResponse$
    ];
    var ListEdgeDeploymentPlans$ = [
      9,
      n0,
      _LEDP,
      0,
      () => ListEdgeDeploymentPlansRequest$,
      () => ListEdgeDeploymentPlansResponse$
    ];
    var ListEdgePackagingJobs$ = [
      9,
      n0,
      _LEPJ,
      0,
      () => ListEdgePackagingJobsRequest$,
      () => ListEdgePackagingJobsResponse$
    ];
    var ListEndpointConfigs$ = [
      9,
      n0,
      _LEC,
      0,
      () => ListEndpointConfigsInput$,
      () => ListEndpointConfigsOutput$
    ];
    var ListEndpoints$ = [
      9,
      n0,
      _LEi,
      0,
      () => ListEndpointsInput$,
      () => ListEndpointsOutput$
    ];
    var ListExperiments$ = [
      9,
      n0,
      _LEis,
      0,
      () => ListExperimentsRequest$,
      () => ListExperimentsResponse$
    ];
    var ListFeatureGroups$ = [
      9,
      n0,
      _LFG,
      0,
      () => ListFeatureGroupsRequest$,
      () => ListFeatureGroupsResponse$
    ];
    var ListFlowDefinitions$ = [
      9,
      n0,
      _LFD,
      0,
      () => ListFlowDefinitionsRequest$,
      () => ListFlowDefinitionsResponse$
    ];
    var ListHubContents$ = [
      9,
      n0,
      _LHC,
      0,
      () => ListHubContentsRequest$,
      () => ListHubContentsResponse$
    ];
    var ListHubContentVersions$ = [
      9,
      n0,
      _LHCV,
      0,
      () => ListHubContentVersionsRequest$,
      () => ListHubContentVersionsResponse$
    ];
    var ListHubs$ = [
      9,
      n0,
      _LHi,
      0,
      () => ListHubsRequest$,
      () => ListHubsResponse$
    ];
    var ListHumanTaskUis$ = [
      9,
      n0,
      _LHTU,
      0,
      () => ListHumanTaskUisRequest$,
      () => ListHumanTaskUisResponse$
    ];
    var ListHyperParameterTuningJobs$ = [
      9,
      n0,
      _LHPTJ,
      0,
      () => ListHyperParameterTuningJobsRequest$,
      () => ListHyperParameterTuningJobsResponse$
    ];
    var ListImages$ = [
      9,
      n0,
      _LIis,
      0,
      () => ListImagesRequest$,
      () => ListImagesResponse$
    ];
    var ListImageVersions$ = [
      9,
      n0,
      _LIV,
      0,
      () => ListImageVersionsRequest$,
      () => ListImageVersionsResponse$
    ];
    var ListInferenceComponents$ = [
      9,
      n0,
      _LIC,
      0,
      () => ListInferenceComponentsInput$,
      () => ListInferenceComponentsOutput$
    ];
    var ListInferenceExperiments$ = [
      9,
      n0,
      _LIE,
      0,
      () => ListInferenceExperimentsRequest$,
      () => ListInferenceExperimentsResponse$
    ];
    var ListInferenceRecommendationsJobs$ = [
      9,
      n0,
      _LIRJ,
      0,
      () => ListInferenceRecommendationsJobsRequest$,
      () => ListInferenceRecommendationsJobsResponse$
    ];
    var ListInferenceRecommendationsJobSteps$ = [
      9,
      n0,
      _LIRJS,
      0,
      () => ListInferenceRecommendationsJobStepsRequest$,
      () => ListInferenceRecommendationsJobStepsResponse$
    ];
    var ListJobs$ = [
      9,
      n0,
      _LJ,
      0,
      () => ListJobsRequest$,
      () => ListJobsResponse$
    ];
    var ListJobSchemaVersions$ = [
      9,
      n0,
      _LJSV,
      0,
      () => ListJobSchemaVersionsRequest$,
      () => ListJobSchemaVersionsResponse$
    ];
    var ListLabelingJobs$ = [
      9,
      n0,
      _LLJ,
      0,
      () => ListLabelingJobsRequest$,
      () => ListLabelingJobsResponse$
    ];
    var ListLabelingJobsForWorkteam$ = [
      9,
      n0,
      _LLJFW,
      0,
      () => ListLabelingJobsForWorkteamRequest$,
      () => ListLabelingJobsForWorkteamResponse$
    ];
    var ListLineageGroups$ = [
      9,
      n0,
      _LLG,
      0,
      () => ListLineageGroupsRequest$,
      () => ListLineageGroupsResponse$
    ];
    var ListMlflowApps$ = [
      9,
      n0,
      _LMAi,
      0,
      () => ListMlflowAppsRequest$,
      () => ListMlflowAppsResponse$
    ];
    var ListMlflowTrackingServers$ = [
      9,
      n0,
      _LMTS,
      0,
      () => ListMlflowTrackingServersRequest$,
      () => ListMlflowTrackingServersResponse$
    ];
    var ListModelBiasJobDefinitions$ = [
      9,
      n0,
      _LMBJD,
      0,
      () => ListModelBiasJobDefinitionsRequest$,
      () => ListModelBiasJobDefinitionsResponse$
    ];
    var ListModelCardExportJobs$ = [
      9,
      n0,
      _LMCEJ,
      0,
      () => ListModelCardExportJobsRequest$,
      () => ListModelCardExportJobsResponse$
    ];
    var ListModelCards$ = [
      9,
      n0,
      _LMC,
      0,
      () => ListModelCardsRequest$,
      () => ListModelCardsResponse$
    ];
    var ListModelCardVersions$ = [
      9,
      n0,
      _LMCV,
      0,
      () => ListModelCardVersionsRequest$,
      () => ListModelCardVersionsResponse$
    ];
    var ListModelExplainabilityJobDefinitions$ = [
      9,
      n0,
      _LMEJD,
      0,
      () => ListModelExplainabilityJobDefinitionsRequest$,
      () => ListModelExplainabilityJobDefinitionsResponse$
    ];
    var ListModelMetadata$ = [
      9,
      n0,
      _LMM,
      0,
      () => ListModelMetadataRequest$,
      () => ListModelMetadataResponse$
    ];
    var ListModelPackageGroups$ = [
      9,
      n0,
      _LMPG,
      0,
      () => ListModelPackageGroupsInput$,
      () => ListModelPackageGroupsOutput$
    ];
    var ListModelPackages$ = [
      9,
      n0,
      _LMP,
      0,
      () => ListModelPackagesInput$,
      () => ListModelPackagesOutput$
    ];
    var ListModelQualityJobDefinitions$ = [
      9,
      n0,
      _LMQJD,
      0,
      () => ListModelQualityJobDefinitionsRequest$,
      () => ListModelQualityJobDefinitionsResponse$
    ];
    var ListModels$ = [
      9,
      n0,
      _LMis,
      0,
      () => ListModelsInput$,
      () => ListModelsOutput$
    ];
    var ListMonitoringAlertHistory$ = [
      9,
      n0,
      _LMAH,
      0,
      () => ListMonitoringAlertHistoryRequest$,
      () => ListMonitoringAlertHistoryResponse$
    ];
    var ListMonitoringAlerts$ = [
      9,
      n0,
      _LMAis,
      0,
      () => ListMonitoringAlertsRequest$,
      () => ListMonitoringAlertsResponse$
    ];
    var ListMonitoringExecutions$ = [
      9,
      n0,
      _LME,
      0,
      () => ListMonitoringExecutionsRequest$,
      () => ListMonitoringExecutionsResponse$
    ];
    var ListMonitoringSchedules$ = [
      9,
      n0,
      _LMS,
      0,
      () => ListMonitoringSchedulesRequest$,
      () => ListMonitoringSchedulesResponse$
    ];
    var ListNotebookInstanceLifecycleConfigs$ = [
      9,
      n0,
      _LNILC,
      0,
      () => ListNotebookInstanceLifecycleConfigsInput$,
      () => ListNotebookInstanceLifecycleConfigsOutput$
    ];
    var ListNotebookInstances$ = [
      9,
      n0,
      _LNI,
      0,
      () => ListNotebookInstancesInput$,
      () => ListNotebookInstancesOutput$
    ];
    var ListOptimizationJobs$ = [
      9,
      n0,
      _LOJ,
      0,
      () => ListOptimizationJobsRequest$,
      () => ListOptimizationJobsResponse$
    ];
    var ListPartnerApps$ = [
      9,
      n0,
      _LPA,
      0,
      () => ListPartnerAppsRequest$,
      () => ListPartnerAppsResponse$
    ];
    var ListPipelineExecutions$ = [
      9,
      n0,
      _LPE,
      0,
      () => ListPipelineExecutionsRequest$,
      () => ListPipelineExecutionsResponse$
    ];
    var ListPipelineExecutionSteps$ = [
      9,
      n0,
      _LPES,
      0,
      () => ListPipelineExecutionStepsRequest$,
      () => ListPipelineExecutionStepsResponse$
    ];
    var ListPipelineParametersForExecution$ = [
      9,
      n0,
      _LPPFE,
      0,
      () => ListPipelineParametersForExecutionRequest$,
      () => ListPipelineParametersForExecutionResponse$
    ];
    var ListPipelines$ = [
      9,
      n0,
      _LPi,
      0,
      () => ListPipelinesRequest$,
      () => ListPipelinesResponse$
    ];
    var ListPipelineVersions$ = [
      9,
      n0,
      _LPV,
      0,
      () => ListPipelineVersionsRequest$,
      () => ListPipelineVersionsResponse$
    ];
    var ListProcessingJobs$ = [
      9,
      n0,
      _LPJ,
      0,
      () => ListProcessingJobsRequest$,
      () => ListProcessingJobsResponse$
    ];
    var ListProjects$ = [
      9,
      n0,
      _LPis,
      0,
      () => ListProjectsInput$,
      () => ListProjectsOutput$
    ];
    var ListResourceCatalogs$ = [
      9,
      n0,
      _LRC,
      0,
      () => ListResourceCatalogsRequest$,
      () => ListResourceCatalogsResponse$
    ];
    var ListSpaces$ = [
      9,
      n0,
      _LS,
      0,
      () => ListSpacesRequest$,
      () => ListSpacesResponse$
    ];
    var ListStageDevices$ = [
      9,
      n0,
      _LSD,
      0,
      () => ListStageDevicesRequest$,
      () => ListStageDevicesResponse$
    ];
    var ListStudioLifecycleConfigs$ = [
      9,
      n0,
      _LSLC,
      0,
      () => ListStudioLifecycleConfigsRequest$,
      () => ListStudioLifecycleConfigsResponse$
    ];
    var ListSubscribedWorkteams$ = [
      9,
      n0,
      _LSW,
      0,
      () => ListSubscribedWorkteamsRequest$,
      () => ListSubscribedWorkteamsResponse$
    ];
    var ListTags$ = [
      9,
      n0,
      _LTis,
      0,
      () => ListTagsInput$,
      () => ListTagsOutput$
    ];
    var ListTrainingJobs$ = [
      9,
      n0,
      _LTJ,
      0,
      () => ListTrainingJobsRequest$,
      () => ListTrainingJobsResponse$
    ];
    var ListTrainingJobsForHyperParameterTuningJob$ = [
      9,
      n0,
      _LTJFHPTJ,
      0,
      () => ListTrainingJobsForHyperParameterTuningJobRequest$,
      () => ListTrainingJobsForHyperParameterTuningJobResponse$
    ];
    var ListTrainingPlans$ = [
      9,
      n0,
      _LTP,
      0,
      () => ListTrainingPlansRequest$,
      () => ListTrainingPlansResponse$
    ];
    var ListTransformJobs$ = [
      9,
      n0,
      _LTJi,
      0,
      () => ListTransformJobsRequest$,
      () => ListTransformJobsResponse$
    ];
    var ListTrialComponents$ = [
      9,
      n0,
      _LTC,
      0,
      () => ListTrialComponentsRequest$,
      () => ListTrialComponentsResponse$
    ];
    var ListTrials$ = [
      9,
      n0,
      _LTist,
      0,
      () => ListTrialsRequest$,
      () => ListTrialsResponse$
    ];
    var ListUltraServersByReservedCapacity$ = [
      9,
      n0,
      _LUSBRC,
      0,
      () => ListUltraServersByReservedCapacityRequest$,
      () => ListUltraServersByReservedCapacityResponse$
    ];
    var ListUserProfiles$ = [
      9,
      n0,
      _LUP,
      0,
      () => ListUserProfilesRequest$,
      () => ListUserProfilesResponse$
    ];
    var ListWorkforces$ = [
      9,
      n0,
      _LW,
      0,
      () => ListWorkforcesRequest$,
      () => ListWorkforcesResponse$
    ];
    var ListWorkteams$ = [
      9,
      n0,
      _LWi,
      0,
      () => ListWorkteamsRequest$,
      () => ListWorkteamsResponse$
    ];
    var PutModelPackageGroupPolicy$ = [
      9,
      n0,
      _PMPGP,
      0,
      () => PutModelPackageGroupPolicyInput$,
      () => PutModelPackageGroupPolicyOutput$
    ];
    var QueryLineage$ = [
      9,
      n0,
      _QL,
      0,
      () => QueryLineageRequest$,
      () => QueryLineageResponse$
    ];
    var RegisterDevices$ = [
      9,
      n0,
      _RDe,
      0,
      () => RegisterDevicesRequest$,
      () => __Unit
    ];
    var RenderUiTemplate$ = [
      9,
      n0,
      _RUT,
      0,
      () => RenderUiTemplateRequest$,
      () => RenderUiTemplateResponse$
    ];
    var RetryPipelineExecution$ = [
      9,
      n0,
      _RPE,
      0,
      () => RetryPipelineExecutionRequest$,
      () => RetryPipelineExecutionResponse$
    ];
    var Search$ = [
      9,
      n0,
      _Sea,
      0,
      () => SearchRequest$,
      () => SearchResponse$
    ];
    var SearchTrainingPlanOfferings$ = [
      9,
      n0,
      _STPO,
      0,
      () => SearchTrainingPlanOfferingsRequest$,
      () => SearchTrainingPlanOfferingsResponse$
    ];
    var SendPipelineExecutionStepFailure$ = [
      9,
      n0,
      _SPESF,
      0,
      () => SendPipelineExecutionStepFailureRequest$,
      () => SendPipelineExecutionStepFailureResponse$
    ];
    var SendPipelineExecutionStepSuccess$ = [
      9,
      n0,
      _SPESS,
      0,
      () => SendPipelineExecutionStepSuccessRequest$,
      () => SendPipelineExecutionStepSuccessResponse$
    ];
    var StartClusterHealthCheck$ = [
      9,
      n0,
      _SCHC,
      0,
      () => StartClusterHealthCheckRequest$,
      () => StartClusterHealthCheckResponse$
    ];
    var StartEdgeDeploymentStage$ = [
      9,
      n0,
      _SEDS,
      0,
      () => StartEdgeDeploymentStageRequest$,
      () => __Unit
    ];
    var StartInferenceExperiment$ = [
      9,
      n0,
      _SIE,
      0,
      () => StartInferenceExperimentRequest$,
      () => StartInferenceExperimentResponse$
    ];
    var StartMlflowTrackingServer$ = [
      9,
      n0,
      _SMTS,
      0,
      () => StartMlflowTrackingServerRequest$,
      () => StartMlflowTrackingServerResponse$
    ];
    var StartMonitoringSchedule$ = [
      9,
      n0,
      _SMS,
      0,
      () => StartMonitoringScheduleRequest$,
      () => __Unit
    ];
    var StartNotebookInstance$ = [
      9,
      n0,
      _SNI,
      0,
      () => StartNotebookInstanceInput$,
      () => __Unit
    ];
    var StartPipelineExecution$ = [
      9,
      n0,
      _SPE,
      0,
      () => StartPipelineExecutionRequest$,
      () => StartPipelineExecutionResponse$
    ];
    var StartSession$ = [
      9,
      n0,
      _SSta,
      0,
      () => StartSessionRequest$,
      () => StartSessionResponse$
    ];
    var StopAIBenchmarkJob$ = [
      9,
      n0,
      _SAIBJ,
      0,
      () => StopAIBenchmarkJobRequest$,
      () => StopAIBenchmarkJobResponse$
    ];
    var StopAIRecommendationJob$ = [
      9,
      n0,
      _SAIRJ,
      0,
      () => StopAIRecommendationJobRequest$,
      () => StopAIRecommendationJobResponse$
    ];
    var StopAutoMLJob$ = [
      9,
      n0,
      _SAMLJ,
      0,
      () => StopAutoMLJobRequest$,
      () => __Unit
    ];
    var StopCompilationJob$ = [
      9,
      n0,
      _SCJ,
      0,
      () => StopCompilationJobRequest$,
      () => __Unit
    ];
    var StopEdgeDeploymentStage$ = [
      9,
      n0,
      _SEDSt,
      0,
      () => StopEdgeDeploymentStageRequest$,
      () => __Unit
    ];
    var StopEdgePackagingJob$ = [
      9,
      n0,
      _SEPJ,
      0,
      () => StopEdgePackagingJobRequest$,
      () => __Unit
    ];
    var StopHyperParameterTuningJob$ = [
      9,
      n0,
      _SHPTJ,
      0,
      () => StopHyperParameterTuningJobRequest$,
      () => __Unit
    ];
    var StopInferenceExperiment$ = [
      9,
      n0,
      _SIEt,
      0,
      () => StopInferenceExperimentRequest$,
      () => StopInferenceExperimentResponse$
    ];
    var StopInferenceRecommendationsJob$ = [
      9,
      n0,
      _SIRJ,
      0,
      () => StopInferenceRecommendationsJobRequest$,
      () => __Unit
    ];
    var StopJob$ = [
      9,
      n0,
      _SJ,
      0,
      () => StopJobRequest$,
      () => StopJobResponse$
    ];
    var StopLabelingJob$ = [
      9,
      n0,
      _SLJ,
      0,
      () => StopLabelingJobRequest$,
      () => __Unit
    ];
    var StopMlflowTrackingServer$ = [
      9,
      n0,
      _SMTSt,
      0,
      () => StopMlflowTrackingServerRequest$,
      () => StopMlflowTrackingServerResponse$
    ];
    var StopMonitoringSchedule$ = [
      9,
      n0,
      _SMSt,
      0,
      () => StopMonitoringScheduleRequest$,
      () => __Unit
    ];
    var StopNotebookInstance$ = [
      9,
      n0,
      _SNIt,
      0,
      () => StopNotebookInstanceInput$,
      () => __Unit
    ];
    var StopOptimizationJob$ = [
      9,
      n0,
      _SOJ,
      0,
      () => StopOptimizationJobRequest$,
      () => __Unit
    ];
    var StopPipelineExecution$ = [
      9,
      n0,
      _SPEt,
      0,
      () => StopPipelineExecutionRequest$,
      () => StopPipelineExecutionResponse$
    ];
    var StopProcessingJob$ = [
      9,
      n0,
      _SPJ,
      0,
      () => StopProcessingJobRequest$,
      () => __Unit
    ];
    var StopTrainingJob$ = [
      9,
      n0,
      _STJ,
      0,
      () => StopTrainingJobRequest$,
      () => __Unit
    ];
    var StopTransformJob$ = [
      9,
      n0,
      _STJt,
      0,
      () => StopTransformJobRequest$,
      () => __Unit
    ];
    var UpdateAction$ = [
      9,
      n0,
      _UA,
      0,
      () => UpdateActionRequest$,
      () => UpdateActionResponse$
    ];
    var UpdateAppImageConfig$ = [
      9,
      n0,
      _UAIC,
      0,
      () => UpdateAppImageConfigRequest$,
      () => UpdateAppImageConfigResponse$
    ];
    var UpdateArtifact$ = [
      9,
      n0,
      _UAp,
      0,
      () => UpdateArtifactRequest$,
      () => UpdateArtifactResponse$
    ];
    var UpdateCluster$ = [
      9,
      n0,
      _UCp,
      0,
      () => UpdateClusterRequest$,
      () => UpdateClusterResponse$
    ];
    var UpdateClusterSchedulerConfig$ = [
      9,
      n0,
      _UCSC,
      0,
      () => UpdateClusterSchedulerConfigRequest$,
      () => UpdateClusterSchedulerConfigResponse$
    ];
    var UpdateClusterSoftware$ = [
      9,
      n0,
      _UCS,
      0,
      () => UpdateClusterSoftwareRequest$,
      () => UpdateClusterSoftwareResponse$
    ];
    var UpdateCodeRepository$ = [
      9,
      n0,
      _UCRpdat,
      0,
      () => UpdateCodeRepositoryInput$,
      () => UpdateCodeRepositoryOutput$
    ];
    var UpdateComputeQuota$ = [
      9,
      n0,
      _UCQ,
      0,
      () => UpdateComputeQuotaRequest$,
      () => UpdateComputeQuotaResponse$
    ];
    var UpdateContext$ = [
      9,
      n0,
      _UCpd,
      0,
      () => UpdateContextRequest$,
      () => UpdateContextResponse$
    ];
    var UpdateDeviceFleet$ = [
      9,
      n0,
      _UDF,
      0,
      () => UpdateDeviceFleetRequest$,
      () => __Unit
    ];
    var UpdateDevices$ = [
      9,
      n0,
      _UD,
      0,
      () => UpdateDevicesRequest$,
      () => __Unit
    ];
    var UpdateDomain$ = [
      9,
      n0,
      _UDp,
      0,
      () => UpdateDomainRequest$,
      () => UpdateDomainResponse$
    ];
    var UpdateEndpoint$ = [
      9,
      n0,
      _UE,
      0,
      () => UpdateEndpointInput$,
      () => UpdateEndpointOutput$
    ];
    var UpdateEndpointWeightsAndCapacities$ = [
      9,
      n0,
      _UEWAC,
      0,
      () => UpdateEndpointWeightsAndCapacitiesInput$,
      () => UpdateEndpointWeightsAndCapacitiesOutput$
    ];
    var UpdateExperiment$ = [
      9,
      n0,
      _UEp,
      0,
      () => UpdateExperimentRequest$,
      () => UpdateExperimentResponse$
    ];
    var UpdateFeatureGroup$ = [
      9,
      n0,
      _UFG,
      0,
      () => UpdateFeatureGroupRequest$,
      () => UpdateFeatureGroupResponse$
    ];
    var UpdateFeatureMetadata$ = [
      9,
      n0,
      _UFM,
      0,
      () => UpdateFeatureMetadataRequest$,
      () => __Unit
    ];
    var UpdateHub$ = [
      9,
      n0,
      _UH,
      0,
      () => UpdateHubRequest$,
      () => UpdateHubResponse$
    ];
    var UpdateHubContent$ = [
      9,
      n0,
      _UHC,
      0,
      () => UpdateHubContentRequest$,
      () => UpdateHubContentResponse$
    ];
    var UpdateHubContentReference$ = [
      9,
      n0,
      _UHCRpd,
      0,
      () => UpdateHubContentReferenceRequest$,
      () => UpdateHubContentReferenceResponse$
    ];
    var UpdateImage$ = [
      9,
      n0,
      _UI,
      0,
      () => UpdateImageRequest$,
      () => UpdateImageResponse$
    ];
    var UpdateImageVersion$ = [
      9,
      n0,
      _UIV,
      0,
      () => UpdateImageVersionRequest$,
      () => UpdateImageVersionResponse$
    ];
    var UpdateInferenceComponent$ = [
      9,
      n0,
      _UICp,
      0,
      () => UpdateInferenceComponentInput$,
      () => UpdateInferenceComponentOutput$
    ];
    var UpdateInferenceComponentRuntimeConfig$ = [
      9,
      n0,
      _UICRC,
      0,
      () => UpdateInferenceComponentRuntimeConfigInput$,
      () => UpdateInferenceComponentRuntimeConfigOutput$
    ];
    var UpdateInferenceExperiment$ = [
      9,
      n0,
      _UIEp,
      0,
      () => UpdateInferenceExperimentRequest$,
      () => UpdateInferenceExperimentResponse$
    ];
    var UpdateMlflowApp$ = [
      9,
      n0,
      _UMA,
      0,
      () => UpdateMlflowAppRequest$,
      () => UpdateMlflowAppResponse$
    ];
    var UpdateMlflowTrackingServer$ = [
      9,
      n0,
      _UMTS,
      0,
      () => UpdateMlflowTrackingServerRequest$,
      () => UpdateMlflowTrackingServerResponse$
    ];
    var UpdateModelCard$ = [
      9,
      n0,
      _UMC,
      0,
      () => UpdateModelCardRequest$,
      () => UpdateModelCardResponse$
    ];
    var UpdateModelPackage$ = [
      9,
      n0,
      _UMP,
      0,
      () => UpdateModelPackageInput$,
      () => UpdateModelPackageOutput$
    ];
    var UpdateMonitoringAlert$ = [
      9,
      n0,
      _UMAp,
      0,
      () => UpdateMonitoringAlertRequest$,
      () => UpdateMonitoringAlertResponse$
    ];
    var UpdateMonitoringSchedule$ = [
      9,
      n0,
      _UMS,
      0,
      () => UpdateMonitoringScheduleRequest$,
      () => UpdateMonitoringScheduleResponse$
    ];
    var UpdateNotebookInstance$ = [
      9,
      n0,
      _UNI,
      0,
      () => UpdateNotebookInstanceInput$,
      () => UpdateNotebookInstanceOutput$
    ];
    var UpdateNotebookInstanceLifecycleConfig$ = [
      9,
      n0,
      _UNILC,
      0,
      () => UpdateNotebookInstanceLifecycleConfigInput$,
      () => UpdateNotebookInstanceLifecycleConfigOutput$
    ];
    var UpdatePartnerApp$ = [
      9,
      n0,
      _UPAp,
      0,
      () => UpdatePartnerAppRequest$,
      () => UpdatePartnerAppResponse$
    ];
    var UpdatePipeline$ = [
      9,
      n0,
      _UPp,
      0,
      () => UpdatePipelineRequest$,
      () => UpdatePipelineResponse$
    ];
    var UpdatePipelineExecution$ = [
      9,
      n0,
      _UPE,
      0,
      () => UpdatePipelineExecutionRequest$,
      () => UpdatePipelineExecutionResponse$
    ];
    var UpdatePipelineVersion$ = [
      9,
      n0,
      _UPV,
      0,
      () => UpdatePipelineVersionRequest$,
      () => UpdatePipelineVersionResponse$
    ];
    var UpdateProject$ = [
      9,
      n0,
      _UPpd,
      0,
      () => UpdateProjectInput$,
      () => UpdateProjectOutput$
    ];
    var UpdateSpace$ = [
      9,
      n0,
      _USp,
      0,
      () => UpdateSpaceRequest$,
      () => UpdateSpaceResponse$
    ];
    var UpdateTrainingJob$ = [
      9,
      n0,
      _UTJ,
      0,
      () => UpdateTrainingJobRequest$,
      () => UpdateTrainingJobResponse$
    ];
    var UpdateTrial$ = [
      9,
      n0,
      _UTp,
      0,
      () => UpdateTrialRequest$,
      () => UpdateTrialResponse$
    ];
    var UpdateTrialComponent$ = [
      9,
      n0,
      _UTC,
      0,
      () => UpdateTrialComponentRequest$,
      () => UpdateTrialComponentResponse$
    ];
    var UpdateUserProfile$ = [
      9,
      n0,
      _UUP,
      0,
      () => UpdateUserProfileRequest$,
      () => UpdateUserProfileResponse$
    ];
    var UpdateWorkforce$ = [
      9,
      n0,
      _UW,
      0,
      () => UpdateWorkforceRequest$,
      () => UpdateWorkforceResponse$
    ];
    var UpdateWorkteam$ = [
      9,
      n0,
      _UWp,
      0,
      () => UpdateWorkteamRequest$,
      () => UpdateWorkteamResponse$
    ];
    var getRuntimeConfig$1 = (config) => {
      return {
        apiVersion: "2017-07-24",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultSageMakerHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
          {
            schemeId: "aws.auth#sigv4",
            identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
            signer: new AwsSdkSigV4Signer()
          }
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
          defaultNamespace: "com.amazonaws.sagemaker",
          errorTypeRegistries,
          xmlNamespace: "http://sagemaker.amazonaws.com/doc/2017-05-13/",
          version: "2017-07-24",
          serviceTarget: "SageMaker"
        },
        serviceId: config?.serviceId ?? "SageMaker",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8
      };
    };
    var getRuntimeConfig = (config) => {
      emitWarningIfUnsupportedVersion(process.version);
      const defaultsMode = resolveDefaultsModeConfig(config);
      const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
      const clientSharedValues = getRuntimeConfig$1(config);
      emitWarningIfUnsupportedVersion$1(process.version);
      const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger
      };
      return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ?? loadConfig({
          ...NODE_RETRY_MODE_CONFIG_OPTIONS,
          default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE
        }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
      };
    };
    var getHttpAuthExtensionConfiguration = (runtimeConfig) => {
      const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
      let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
      let _credentials = runtimeConfig.credentials;
      return {
        setHttpAuthScheme(httpAuthScheme) {
          const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
          if (index === -1) {
            _httpAuthSchemes.push(httpAuthScheme);
          } else {
            _httpAuthSchemes.splice(index, 1, httpAuthScheme);
          }
        },
        httpAuthSchemes() {
          return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
          _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
          return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
          _credentials = credentials;
        },
        credentials() {
          return _credentials;
        }
      };
    };
    var resolveHttpAuthRuntimeConfig = (config) => {
      return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials()
      };
    };
    var resolveRuntimeExtensions = (runtimeConfig, extensions) => {
      const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
      extensions.forEach((extension) => extension.configure(extensionConfiguration));
      return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
    };
    var SageMakerClient2 = class extends Client {
      config;
      constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
          httpAuthSchemeParametersProvider: defaultSageMakerHttpAuthSchemeParametersProvider,
          identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
            "aws.auth#sigv4": config.credentials
          })
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
      }
      destroy() {
        super.destroy();
      }
    };
    var command = makeBuilder(commonParams, "SageMaker", "SageMakerClient", getEndpointPlugin);
    var _ep0 = {};
    var _mw0 = (Command, cs, config, o) => [];
    var AddAssociationCommand = class extends command(_ep0, _mw0, "AddAssociation", AddAssociation$) {
    };
    var AddTagsCommand = class extends command(_ep0, _mw0, "AddTags", AddTags$) {
    };
    var AssociateTrialComponentCommand = class extends command(_ep0, _mw0, "AssociateTrialComponent", AssociateTrialComponent$) {
    };
    var AttachClusterNodeNetworkInterfaceCommand = class extends command(_ep0, _mw0, "AttachClusterNodeNetworkInterface", AttachClusterNodeNetworkInterface$) {
    };
    var AttachClusterNodeVolumeCommand = class extends command(_ep0, _mw0, "AttachClusterNodeVolume", AttachClusterNodeVolume$) {
    };
    var BatchAddClusterNodesCommand = class extends command(_ep0, _mw0, "BatchAddClusterNodes", BatchAddClusterNodes$) {
    };
    var BatchDeleteClusterNodesCommand = class extends command(_ep0, _mw0, "BatchDeleteClusterNodes", BatchDeleteClusterNodes$) {
    };
    var BatchDescribeModelPackageCommand = class extends command(_ep0, _mw0, "BatchDescribeModelPackage", BatchDescribeModelPackage$) {
    };
    var BatchRebootClusterNodesCommand = class extends command(_ep0, _mw0, "BatchRebootClusterNodes", BatchRebootClusterNodes$) {
    };
    var BatchReplaceClusterNodesCommand = class extends command(_ep0, _mw0, "BatchReplaceClusterNodes", BatchReplaceClusterNodes$) {
    };
    var CreateActionCommand = class extends command(_ep0, _mw0, "CreateAction", CreateAction$) {
    };
    var CreateAIBenchmarkJobCommand = class extends command(_ep0, _mw0, "CreateAIBenchmarkJob", CreateAIBenchmarkJob$) {
    };
    var CreateAIRecommendationJobCommand = class extends command(_ep0, _mw0, "CreateAIRecommendationJob", CreateAIRecommendationJob$) {
    };
    var CreateAIWorkloadConfigCommand = class extends command(_ep0, _mw0, "CreateAIWorkloadConfig", CreateAIWorkloadConfig$) {
    };
    var CreateAlgorithmCommand = class extends command(_ep0, _mw0, "CreateAlgorithm", CreateAlgorithm$) {
    };
    var CreateAppCommand = class extends command(_ep0, _mw0, "CreateApp", CreateApp$) {
    };
    var CreateAppImageConfigCommand = class extends command(_ep0, _mw0, "CreateAppImageConfig", CreateAppImageConfig$) {
    };
    var CreateArtifactCommand = class extends command(_ep0, _mw0, "CreateArtifact", CreateArtifact$) {
    };
    var CreateAutoMLJobCommand = class extends command(_ep0, _mw0, "CreateAutoMLJob", CreateAutoMLJob$) {
    };
    var CreateAutoMLJobV2Command = class extends command(_ep0, _mw0, "CreateAutoMLJobV2", CreateAutoMLJobV2$) {
    };
    var CreateClusterCommand = class extends command(_ep0, _mw0, "CreateCluster", CreateCluster$) {
    };
    var CreateClusterSchedulerConfigCommand = class extends command(_ep0, _mw0, "CreateClusterSchedulerConfig", CreateClusterSchedulerConfig$) {
    };
    var CreateCodeRepositoryCommand = class extends command(_ep0, _mw0, "CreateCodeRepository", CreateCodeRepository$) {
    };
    var CreateCompilationJobCommand = class extends command(_ep0, _mw0, "CreateCompilationJob", CreateCompilationJob$) {
    };
    var CreateComputeQuotaCommand = class extends command(_ep0, _mw0, "CreateComputeQuota", CreateComputeQuota$) {
    };
    var CreateContextCommand = class extends command(_ep0, _mw0, "CreateContext", CreateContext$) {
    };
    var CreateDataQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "CreateDataQualityJobDefinition", CreateDataQualityJobDefinition$) {
    };
    var CreateDeviceFleetCommand = class extends command(_ep0, _mw0, "CreateDeviceFleet", CreateDeviceFleet$) {
    };
    var CreateDomainCommand = class extends command(_ep0, _mw0, "CreateDomain", CreateDomain$) {
    };
    var CreateEdgeDeploymentPlanCommand = class extends command(_ep0, _mw0, "CreateEdgeDeploymentPlan", CreateEdgeDeploymentPlan$) {
    };
    var CreateEdgeDeploymentStageCommand = class extends command(_ep0, _mw0, "CreateEdgeDeploymentStage", CreateEdgeDeploymentStage$) {
    };
    var CreateEdgePackagingJobCommand = class extends command(_ep0, _mw0, "CreateEdgePackagingJob", CreateEdgePackagingJob$) {
    };
    var CreateEndpointCommand = class extends command(_ep0, _mw0, "CreateEndpoint", CreateEndpoint$) {
    };
    var CreateEndpointConfigCommand = class extends command(_ep0, _mw0, "CreateEndpointConfig", CreateEndpointConfig$) {
    };
    var CreateExperimentCommand = class extends command(_ep0, _mw0, "CreateExperiment", CreateExperiment$) {
    };
    var CreateFeatureGroupCommand = class extends command(_ep0, _mw0, "CreateFeatureGroup", CreateFeatureGroup$) {
    };
    var CreateFlowDefinitionCommand = class extends command(_ep0, _mw0, "CreateFlowDefinition", CreateFlowDefinition$) {
    };
    var CreateHubCommand = class extends command(_ep0, _mw0, "CreateHub", CreateHub$) {
    };
    var CreateHubContentPresignedUrlsCommand = class extends command(_ep0, _mw0, "CreateHubContentPresignedUrls", CreateHubContentPresignedUrls$) {
    };
    var CreateHubContentReferenceCommand = class extends command(_ep0, _mw0, "CreateHubContentReference", CreateHubContentReference$) {
    };
    var CreateHumanTaskUiCommand = class extends command(_ep0, _mw0, "CreateHumanTaskUi", CreateHumanTaskUi$) {
    };
    var CreateHyperParameterTuningJobCommand = class extends command(_ep0, _mw0, "CreateHyperParameterTuningJob", CreateHyperParameterTuningJob$) {
    };
    var CreateImageCommand = class extends command(_ep0, _mw0, "CreateImage", CreateImage$) {
    };
    var CreateImageVersionCommand = class extends command(_ep0, _mw0, "CreateImageVersion", CreateImageVersion$) {
    };
    var CreateInferenceComponentCommand = class extends command(_ep0, _mw0, "CreateInferenceComponent", CreateInferenceComponent$) {
    };
    var CreateInferenceExperimentCommand = class extends command(_ep0, _mw0, "CreateInferenceExperiment", CreateInferenceExperiment$) {
    };
    var CreateInferenceRecommendationsJobCommand = class extends command(_ep0, _mw0, "CreateInferenceRecommendationsJob", CreateInferenceRecommendationsJob$) {
    };
    var CreateJobCommand = class extends command(_ep0, _mw0, "CreateJob", CreateJob$) {
    };
    var CreateLabelingJobCommand = class extends command(_ep0, _mw0, "CreateLabelingJob", CreateLabelingJob$) {
    };
    var CreateMlflowAppCommand = class extends command(_ep0, _mw0, "CreateMlflowApp", CreateMlflowApp$) {
    };
    var CreateMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "CreateMlflowTrackingServer", CreateMlflowTrackingServer$) {
    };
    var CreateModelBiasJobDefinitionCommand = class extends command(_ep0, _mw0, "CreateModelBiasJobDefinition", CreateModelBiasJobDefinition$) {
    };
    var CreateModelCardCommand = class extends command(_ep0, _mw0, "CreateModelCard", CreateModelCard$) {
    };
    var CreateModelCardExportJobCommand = class extends command(_ep0, _mw0, "CreateModelCardExportJob", CreateModelCardExportJob$) {
    };
    var CreateModelCommand = class extends command(_ep0, _mw0, "CreateModel", CreateModel$) {
    };
    var CreateModelExplainabilityJobDefinitionCommand = class extends command(_ep0, _mw0, "CreateModelExplainabilityJobDefinition", CreateModelExplainabilityJobDefinition$) {
    };
    var CreateModelPackageCommand = class extends command(_ep0, _mw0, "CreateModelPackage", CreateModelPackage$) {
    };
    var CreateModelPackageGroupCommand = class extends command(_ep0, _mw0, "CreateModelPackageGroup", CreateModelPackageGroup$) {
    };
    var CreateModelQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "CreateModelQualityJobDefinition", CreateModelQualityJobDefinition$) {
    };
    var CreateMonitoringScheduleCommand = class extends command(_ep0, _mw0, "CreateMonitoringSchedule", CreateMonitoringSchedule$) {
    };
    var CreateNotebookInstanceCommand = class extends command(_ep0, _mw0, "CreateNotebookInstance", CreateNotebookInstance$) {
    };
    var CreateNotebookInstanceLifecycleConfigCommand = class extends command(_ep0, _mw0, "CreateNotebookInstanceLifecycleConfig", CreateNotebookInstanceLifecycleConfig$) {
    };
    var CreateOptimizationJobCommand = class extends command(_ep0, _mw0, "CreateOptimizationJob", CreateOptimizationJob$) {
    };
    var CreatePartnerAppCommand = class extends command(_ep0, _mw0, "CreatePartnerApp", CreatePartnerApp$) {
    };
    var CreatePartnerAppPresignedUrlCommand = class extends command(_ep0, _mw0, "CreatePartnerAppPresignedUrl", CreatePartnerAppPresignedUrl$) {
    };
    var CreatePipelineCommand = class extends command(_ep0, _mw0, "CreatePipeline", CreatePipeline$) {
    };
    var CreatePresignedDomainUrlCommand = class extends command(_ep0, _mw0, "CreatePresignedDomainUrl", CreatePresignedDomainUrl$) {
    };
    var CreatePresignedMlflowAppUrlCommand = class extends command(_ep0, _mw0, "CreatePresignedMlflowAppUrl", CreatePresignedMlflowAppUrl$) {
    };
    var CreatePresignedMlflowTrackingServerUrlCommand = class extends command(_ep0, _mw0, "CreatePresignedMlflowTrackingServerUrl", CreatePresignedMlflowTrackingServerUrl$) {
    };
    var CreatePresignedNotebookInstanceUrlCommand = class extends command(_ep0, _mw0, "CreatePresignedNotebookInstanceUrl", CreatePresignedNotebookInstanceUrl$) {
    };
    var CreateProcessingJobCommand = class extends command(_ep0, _mw0, "CreateProcessingJob", CreateProcessingJob$) {
    };
    var CreateProjectCommand = class extends command(_ep0, _mw0, "CreateProject", CreateProject$) {
    };
    var CreateSpaceCommand = class extends command(_ep0, _mw0, "CreateSpace", CreateSpace$) {
    };
    var CreateStudioLifecycleConfigCommand = class extends command(_ep0, _mw0, "CreateStudioLifecycleConfig", CreateStudioLifecycleConfig$) {
    };
    var CreateTrainingJobCommand = class extends command(_ep0, _mw0, "CreateTrainingJob", CreateTrainingJob$) {
    };
    var CreateTrainingPlanCommand = class extends command(_ep0, _mw0, "CreateTrainingPlan", CreateTrainingPlan$) {
    };
    var CreateTransformJobCommand = class extends command(_ep0, _mw0, "CreateTransformJob", CreateTransformJob$) {
    };
    var CreateTrialCommand = class extends command(_ep0, _mw0, "CreateTrial", CreateTrial$) {
    };
    var CreateTrialComponentCommand = class extends command(_ep0, _mw0, "CreateTrialComponent", CreateTrialComponent$) {
    };
    var CreateUserProfileCommand = class extends command(_ep0, _mw0, "CreateUserProfile", CreateUserProfile$) {
    };
    var CreateWorkforceCommand = class extends command(_ep0, _mw0, "CreateWorkforce", CreateWorkforce$) {
    };
    var CreateWorkteamCommand = class extends command(_ep0, _mw0, "CreateWorkteam", CreateWorkteam$) {
    };
    var DeleteActionCommand = class extends command(_ep0, _mw0, "DeleteAction", DeleteAction$) {
    };
    var DeleteAIBenchmarkJobCommand = class extends command(_ep0, _mw0, "DeleteAIBenchmarkJob", DeleteAIBenchmarkJob$) {
    };
    var DeleteAIRecommendationJobCommand = class extends command(_ep0, _mw0, "DeleteAIRecommendationJob", DeleteAIRecommendationJob$) {
    };
    var DeleteAIWorkloadConfigCommand = class extends command(_ep0, _mw0, "DeleteAIWorkloadConfig", DeleteAIWorkloadConfig$) {
    };
    var DeleteAlgorithmCommand = class extends command(_ep0, _mw0, "DeleteAlgorithm", DeleteAlgorithm$) {
    };
    var DeleteAppCommand = class extends command(_ep0, _mw0, "DeleteApp", DeleteApp$) {
    };
    var DeleteAppImageConfigCommand = class extends command(_ep0, _mw0, "DeleteAppImageConfig", DeleteAppImageConfig$) {
    };
    var DeleteArtifactCommand = class extends command(_ep0, _mw0, "DeleteArtifact", DeleteArtifact$) {
    };
    var DeleteAssociationCommand = class extends command(_ep0, _mw0, "DeleteAssociation", DeleteAssociation$) {
    };
    var DeleteClusterCommand = class extends command(_ep0, _mw0, "DeleteCluster", DeleteCluster$) {
    };
    var DeleteClusterSchedulerConfigCommand = class extends command(_ep0, _mw0, "DeleteClusterSchedulerConfig", DeleteClusterSchedulerConfig$) {
    };
    var DeleteCodeRepositoryCommand = class extends command(_ep0, _mw0, "DeleteCodeRepository", DeleteCodeRepository$) {
    };
    var DeleteCompilationJobCommand = class extends command(_ep0, _mw0, "DeleteCompilationJob", DeleteCompilationJob$) {
    };
    var DeleteComputeQuotaCommand = class extends command(_ep0, _mw0, "DeleteComputeQuota", DeleteComputeQuota$) {
    };
    var DeleteContextCommand = class extends command(_ep0, _mw0, "DeleteContext", DeleteContext$) {
    };
    var DeleteDataQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "DeleteDataQualityJobDefinition", DeleteDataQualityJobDefinition$) {
    };
    var DeleteDeviceFleetCommand = class extends command(_ep0, _mw0, "DeleteDeviceFleet", DeleteDeviceFleet$) {
    };
    var DeleteDomainCommand = class extends command(_ep0, _mw0, "DeleteDomain", DeleteDomain$) {
    };
    var DeleteEdgeDeploymentPlanCommand = class extends command(_ep0, _mw0, "DeleteEdgeDeploymentPlan", DeleteEdgeDeploymentPlan$) {
    };
    var DeleteEdgeDeploymentStageCommand = class extends command(_ep0, _mw0, "DeleteEdgeDeploymentStage", DeleteEdgeDeploymentStage$) {
    };
    var DeleteEndpointCommand = class extends command(_ep0, _mw0, "DeleteEndpoint", DeleteEndpoint$) {
    };
    var DeleteEndpointConfigCommand = class extends command(_ep0, _mw0, "DeleteEndpointConfig", DeleteEndpointConfig$) {
    };
    var DeleteExperimentCommand = class extends command(_ep0, _mw0, "DeleteExperiment", DeleteExperiment$) {
    };
    var DeleteFeatureGroupCommand = class extends command(_ep0, _mw0, "DeleteFeatureGroup", DeleteFeatureGroup$) {
    };
    var DeleteFlowDefinitionCommand = class extends command(_ep0, _mw0, "DeleteFlowDefinition", DeleteFlowDefinition$) {
    };
    var DeleteHubCommand = class extends command(_ep0, _mw0, "DeleteHub", DeleteHub$) {
    };
    var DeleteHubContentCommand = class extends command(_ep0, _mw0, "DeleteHubContent", DeleteHubContent$) {
    };
    var DeleteHubContentReferenceCommand = class extends command(_ep0, _mw0, "DeleteHubContentReference", DeleteHubContentReference$) {
    };
    var DeleteHumanTaskUiCommand = class extends command(_ep0, _mw0, "DeleteHumanTaskUi", DeleteHumanTaskUi$) {
    };
    var DeleteHyperParameterTuningJobCommand = class extends command(_ep0, _mw0, "DeleteHyperParameterTuningJob", DeleteHyperParameterTuningJob$) {
    };
    var DeleteImageCommand = class extends command(_ep0, _mw0, "DeleteImage", DeleteImage$) {
    };
    var DeleteImageVersionCommand = class extends command(_ep0, _mw0, "DeleteImageVersion", DeleteImageVersion$) {
    };
    var DeleteInferenceComponentCommand = class extends command(_ep0, _mw0, "DeleteInferenceComponent", DeleteInferenceComponent$) {
    };
    var DeleteInferenceExperimentCommand = class extends command(_ep0, _mw0, "DeleteInferenceExperiment", DeleteInferenceExperiment$) {
    };
    var DeleteJobCommand = class extends command(_ep0, _mw0, "DeleteJob", DeleteJob$) {
    };
    var DeleteMlflowAppCommand = class extends command(_ep0, _mw0, "DeleteMlflowApp", DeleteMlflowApp$) {
    };
    var DeleteMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "DeleteMlflowTrackingServer", DeleteMlflowTrackingServer$) {
    };
    var DeleteModelBiasJobDefinitionCommand = class extends command(_ep0, _mw0, "DeleteModelBiasJobDefinition", DeleteModelBiasJobDefinition$) {
    };
    var DeleteModelCardCommand = class extends command(_ep0, _mw0, "DeleteModelCard", DeleteModelCard$) {
    };
    var DeleteModelCommand = class extends command(_ep0, _mw0, "DeleteModel", DeleteModel$) {
    };
    var DeleteModelExplainabilityJobDefinitionCommand = class extends command(_ep0, _mw0, "DeleteModelExplainabilityJobDefinition", DeleteModelExplainabilityJobDefinition$) {
    };
    var DeleteModelPackageCommand = class extends command(_ep0, _mw0, "DeleteModelPackage", DeleteModelPackage$) {
    };
    var DeleteModelPackageGroupCommand = class extends command(_ep0, _mw0, "DeleteModelPackageGroup", DeleteModelPackageGroup$) {
    };
    var DeleteModelPackageGroupPolicyCommand = class extends command(_ep0, _mw0, "DeleteModelPackageGroupPolicy", DeleteModelPackageGroupPolicy$) {
    };
    var DeleteModelQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "DeleteModelQualityJobDefinition", DeleteModelQualityJobDefinition$) {
    };
    var DeleteMonitoringScheduleCommand = class extends command(_ep0, _mw0, "DeleteMonitoringSchedule", DeleteMonitoringSchedule$) {
    };
    var DeleteNotebookInstanceCommand = class extends command(_ep0, _mw0, "DeleteNotebookInstance", DeleteNotebookInstance$) {
    };
    var DeleteNotebookInstanceLifecycleConfigCommand = class extends command(_ep0, _mw0, "DeleteNotebookInstanceLifecycleConfig", DeleteNotebookInstanceLifecycleConfig$) {
    };
    var DeleteOptimizationJobCommand = class extends command(_ep0, _mw0, "DeleteOptimizationJob", DeleteOptimizationJob$) {
    };
    var DeletePartnerAppCommand = class extends command(_ep0, _mw0, "DeletePartnerApp", DeletePartnerApp$) {
    };
    var DeletePipelineCommand = class extends command(_ep0, _mw0, "DeletePipeline", DeletePipeline$) {
    };
    var DeleteProcessingJobCommand = class extends command(_ep0, _mw0, "DeleteProcessingJob", DeleteProcessingJob$) {
    };
    var DeleteProjectCommand = class extends command(_ep0, _mw0, "DeleteProject", DeleteProject$) {
    };
    var DeleteSpaceCommand = class extends command(_ep0, _mw0, "DeleteSpace", DeleteSpace$) {
    };
    var DeleteStudioLifecycleConfigCommand = class extends command(_ep0, _mw0, "DeleteStudioLifecycleConfig", DeleteStudioLifecycleConfig$) {
    };
    var DeleteTagsCommand = class extends command(_ep0, _mw0, "DeleteTags", DeleteTags$) {
    };
    var DeleteTrainingJobCommand = class extends command(_ep0, _mw0, "DeleteTrainingJob", DeleteTrainingJob$) {
    };
    var DeleteTrialCommand = class extends command(_ep0, _mw0, "DeleteTrial", DeleteTrial$) {
    };
    var DeleteTrialComponentCommand = class extends command(_ep0, _mw0, "DeleteTrialComponent", DeleteTrialComponent$) {
    };
    var DeleteUserProfileCommand = class extends command(_ep0, _mw0, "DeleteUserProfile", DeleteUserProfile$) {
    };
    var DeleteWorkforceCommand = class extends command(_ep0, _mw0, "DeleteWorkforce", DeleteWorkforce$) {
    };
    var DeleteWorkteamCommand = class extends command(_ep0, _mw0, "DeleteWorkteam", DeleteWorkteam$) {
    };
    var DeregisterDevicesCommand = class extends command(_ep0, _mw0, "DeregisterDevices", DeregisterDevices$) {
    };
    var DescribeActionCommand = class extends command(_ep0, _mw0, "DescribeAction", DescribeAction$) {
    };
    var DescribeAIBenchmarkJobCommand = class extends command(_ep0, _mw0, "DescribeAIBenchmarkJob", DescribeAIBenchmarkJob$) {
    };
    var DescribeAIRecommendationJobCommand = class extends command(_ep0, _mw0, "DescribeAIRecommendationJob", DescribeAIRecommendationJob$) {
    };
    var DescribeAIWorkloadConfigCommand = class extends command(_ep0, _mw0, "DescribeAIWorkloadConfig", DescribeAIWorkloadConfig$) {
    };
    var DescribeAlgorithmCommand = class extends command(_ep0, _mw0, "DescribeAlgorithm", DescribeAlgorithm$) {
    };
    var DescribeAppCommand = class extends command(_ep0, _mw0, "DescribeApp", DescribeApp$) {
    };
    var DescribeAppImageConfigCommand = class extends command(_ep0, _mw0, "DescribeAppImageConfig", DescribeAppImageConfig$) {
    };
    var DescribeArtifactCommand = class extends command(_ep0, _mw0, "DescribeArtifact", DescribeArtifact$) {
    };
    var DescribeAutoMLJobCommand = class extends command(_ep0, _mw0, "DescribeAutoMLJob", DescribeAutoMLJob$) {
    };
    var DescribeAutoMLJobV2Command = class extends command(_ep0, _mw0, "DescribeAutoMLJobV2", DescribeAutoMLJobV2$) {
    };
    var DescribeClusterCommand = class extends command(_ep0, _mw0, "DescribeCluster", DescribeCluster$) {
    };
    var DescribeClusterEventCommand = class extends command(_ep0, _mw0, "DescribeClusterEvent", DescribeClusterEvent$) {
    };
    var DescribeClusterNodeCommand = class extends command(_ep0, _mw0, "DescribeClusterNode", DescribeClusterNode$) {
    };
    var DescribeClusterSchedulerConfigCommand = class extends command(_ep0, _mw0, "DescribeClusterSchedulerConfig", DescribeClusterSchedulerConfig$) {
    };
    var DescribeCodeRepositoryCommand = class extends command(_ep0, _mw0, "DescribeCodeRepository", DescribeCodeRepository$) {
    };
    var DescribeCompilationJobCommand = class extends command(_ep0, _mw0, "DescribeCompilationJob", DescribeCompilationJob$) {
    };
    var DescribeComputeQuotaCommand = class extends command(_ep0, _mw0, "DescribeComputeQuota", DescribeComputeQuota$) {
    };
    var DescribeContextCommand = class extends command(_ep0, _mw0, "DescribeContext", DescribeContext$) {
    };
    var DescribeDataQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "DescribeDataQualityJobDefinition", DescribeDataQualityJobDefinition$) {
    };
    var DescribeDeviceCommand = class extends command(_ep0, _mw0, "DescribeDevice", DescribeDevice$) {
    };
    var DescribeDeviceFleetCommand = class extends command(_ep0, _mw0, "DescribeDeviceFleet", DescribeDeviceFleet$) {
    };
    var DescribeDomainCommand = class extends command(_ep0, _mw0, "DescribeDomain", DescribeDomain$) {
    };
    var DescribeEdgeDeploymentPlanCommand = class extends command(_ep0, _mw0, "DescribeEdgeDeploymentPlan", DescribeEdgeDeploymentPlan$) {
    };
    var DescribeEdgePackagingJobCommand = class extends command(_ep0, _mw0, "DescribeEdgePackagingJob", DescribeEdgePackagingJob$) {
    };
    var DescribeEndpointCommand2 = class extends command(_ep0, _mw0, "DescribeEndpoint", DescribeEndpoint$) {
    };
    var DescribeEndpointConfigCommand = class extends command(_ep0, _mw0, "DescribeEndpointConfig", DescribeEndpointConfig$) {
    };
    var DescribeExperimentCommand = class extends command(_ep0, _mw0, "DescribeExperiment", DescribeExperiment$) {
    };
    var DescribeFeatureGroupCommand = class extends command(_ep0, _mw0, "DescribeFeatureGroup", DescribeFeatureGroup$) {
    };
    var DescribeFeatureMetadataCommand = class extends command(_ep0, _mw0, "DescribeFeatureMetadata", DescribeFeatureMetadata$) {
    };
    var DescribeFlowDefinitionCommand = class extends command(_ep0, _mw0, "DescribeFlowDefinition", DescribeFlowDefinition$) {
    };
    var DescribeHubCommand = class extends command(_ep0, _mw0, "DescribeHub", DescribeHub$) {
    };
    var DescribeHubContentCommand = class extends command(_ep0, _mw0, "DescribeHubContent", DescribeHubContent$) {
    };
    var DescribeHumanTaskUiCommand = class extends command(_ep0, _mw0, "DescribeHumanTaskUi", DescribeHumanTaskUi$) {
    };
    var DescribeHyperParameterTuningJobCommand = class extends command(_ep0, _mw0, "DescribeHyperParameterTuningJob", DescribeHyperParameterTuningJob$) {
    };
    var DescribeImageCommand = class extends command(_ep0, _mw0, "DescribeImage", DescribeImage$) {
    };
    var DescribeImageVersionCommand = class extends command(_ep0, _mw0, "DescribeImageVersion", DescribeImageVersion$) {
    };
    var DescribeInferenceComponentCommand = class extends command(_ep0, _mw0, "DescribeInferenceComponent", DescribeInferenceComponent$) {
    };
    var DescribeInferenceExperimentCommand = class extends command(_ep0, _mw0, "DescribeInferenceExperiment", DescribeInferenceExperiment$) {
    };
    var DescribeInferenceRecommendationsJobCommand = class extends command(_ep0, _mw0, "DescribeInferenceRecommendationsJob", DescribeInferenceRecommendationsJob$) {
    };
    var DescribeJobCommand = class extends command(_ep0, _mw0, "DescribeJob", DescribeJob$) {
    };
    var DescribeJobSchemaVersionCommand = class extends command(_ep0, _mw0, "DescribeJobSchemaVersion", DescribeJobSchemaVersion$) {
    };
    var DescribeLabelingJobCommand = class extends command(_ep0, _mw0, "DescribeLabelingJob", DescribeLabelingJob$) {
    };
    var DescribeLineageGroupCommand = class extends command(_ep0, _mw0, "DescribeLineageGroup", DescribeLineageGroup$) {
    };
    var DescribeMlflowAppCommand = class extends command(_ep0, _mw0, "DescribeMlflowApp", DescribeMlflowApp$) {
    };
    var DescribeMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "DescribeMlflowTrackingServer", DescribeMlflowTrackingServer$) {
    };
    var DescribeModelBiasJobDefinitionCommand = class extends command(_ep0, _mw0, "DescribeModelBiasJobDefinition", DescribeModelBiasJobDefinition$) {
    };
    var DescribeModelCardCommand = class extends command(_ep0, _mw0, "DescribeModelCard", DescribeModelCard$) {
    };
    var DescribeModelCardExportJobCommand = class extends command(_ep0, _mw0, "DescribeModelCardExportJob", DescribeModelCardExportJob$) {
    };
    var DescribeModelCommand = class extends command(_ep0, _mw0, "DescribeModel", DescribeModel$) {
    };
    var DescribeModelExplainabilityJobDefinitionCommand = class extends command(_ep0, _mw0, "DescribeModelExplainabilityJobDefinition", DescribeModelExplainabilityJobDefinition$) {
    };
    var DescribeModelPackageCommand = class extends command(_ep0, _mw0, "DescribeModelPackage", DescribeModelPackage$) {
    };
    var DescribeModelPackageGroupCommand = class extends command(_ep0, _mw0, "DescribeModelPackageGroup", DescribeModelPackageGroup$) {
    };
    var DescribeModelQualityJobDefinitionCommand = class extends command(_ep0, _mw0, "DescribeModelQualityJobDefinition", DescribeModelQualityJobDefinition$) {
    };
    var DescribeMonitoringScheduleCommand = class extends command(_ep0, _mw0, "DescribeMonitoringSchedule", DescribeMonitoringSchedule$) {
    };
    var DescribeNotebookInstanceCommand = class extends command(_ep0, _mw0, "DescribeNotebookInstance", DescribeNotebookInstance$) {
    };
    var DescribeNotebookInstanceLifecycleConfigCommand = class extends command(_ep0, _mw0, "DescribeNotebookInstanceLifecycleConfig", DescribeNotebookInstanceLifecycleConfig$) {
    };
    var DescribeOptimizationJobCommand = class extends command(_ep0, _mw0, "DescribeOptimizationJob", DescribeOptimizationJob$) {
    };
    var DescribePartnerAppCommand = class extends command(_ep0, _mw0, "DescribePartnerApp", DescribePartnerApp$) {
    };
    var DescribePipelineCommand = class extends command(_ep0, _mw0, "DescribePipeline", DescribePipeline$) {
    };
    var DescribePipelineDefinitionForExecutionCommand = class extends command(_ep0, _mw0, "DescribePipelineDefinitionForExecution", DescribePipelineDefinitionForExecution$) {
    };
    var DescribePipelineExecutionCommand = class extends command(_ep0, _mw0, "DescribePipelineExecution", DescribePipelineExecution$) {
    };
    var DescribeProcessingJobCommand = class extends command(_ep0, _mw0, "DescribeProcessingJob", DescribeProcessingJob$) {
    };
    var DescribeProjectCommand = class extends command(_ep0, _mw0, "DescribeProject", DescribeProject$) {
    };
    var DescribeReservedCapacityCommand = class extends command(_ep0, _mw0, "DescribeReservedCapacity", DescribeReservedCapacity$) {
    };
    var DescribeSpaceCommand = class extends command(_ep0, _mw0, "DescribeSpace", DescribeSpace$) {
    };
    var DescribeStudioLifecycleConfigCommand = class extends command(_ep0, _mw0, "DescribeStudioLifecycleConfig", DescribeStudioLifecycleConfig$) {
    };
    var DescribeSubscribedWorkteamCommand = class extends command(_ep0, _mw0, "DescribeSubscribedWorkteam", DescribeSubscribedWorkteam$) {
    };
    var DescribeTrainingJobCommand = class extends command(_ep0, _mw0, "DescribeTrainingJob", DescribeTrainingJob$) {
    };
    var DescribeTrainingPlanCommand = class extends command(_ep0, _mw0, "DescribeTrainingPlan", DescribeTrainingPlan$) {
    };
    var DescribeTrainingPlanExtensionHistoryCommand = class extends command(_ep0, _mw0, "DescribeTrainingPlanExtensionHistory", DescribeTrainingPlanExtensionHistory$) {
    };
    var DescribeTransformJobCommand = class extends command(_ep0, _mw0, "DescribeTransformJob", DescribeTransformJob$) {
    };
    var DescribeTrialCommand = class extends command(_ep0, _mw0, "DescribeTrial", DescribeTrial$) {
    };
    var DescribeTrialComponentCommand = class extends command(_ep0, _mw0, "DescribeTrialComponent", DescribeTrialComponent$) {
    };
    var DescribeUserProfileCommand = class extends command(_ep0, _mw0, "DescribeUserProfile", DescribeUserProfile$) {
    };
    var DescribeWorkforceCommand = class extends command(_ep0, _mw0, "DescribeWorkforce", DescribeWorkforce$) {
    };
    var DescribeWorkteamCommand = class extends command(_ep0, _mw0, "DescribeWorkteam", DescribeWorkteam$) {
    };
    var DetachClusterNodeVolumeCommand = class extends command(_ep0, _mw0, "DetachClusterNodeVolume", DetachClusterNodeVolume$) {
    };
    var DisableSagemakerServicecatalogPortfolioCommand = class extends command(_ep0, _mw0, "DisableSagemakerServicecatalogPortfolio", DisableSagemakerServicecatalogPortfolio$) {
    };
    var DisassociateTrialComponentCommand = class extends command(_ep0, _mw0, "DisassociateTrialComponent", DisassociateTrialComponent$) {
    };
    var EnableSagemakerServicecatalogPortfolioCommand = class extends command(_ep0, _mw0, "EnableSagemakerServicecatalogPortfolio", EnableSagemakerServicecatalogPortfolio$) {
    };
    var ExtendTrainingPlanCommand = class extends command(_ep0, _mw0, "ExtendTrainingPlan", ExtendTrainingPlan$) {
    };
    var GetDeviceFleetReportCommand = class extends command(_ep0, _mw0, "GetDeviceFleetReport", GetDeviceFleetReport$) {
    };
    var GetLineageGroupPolicyCommand = class extends command(_ep0, _mw0, "GetLineageGroupPolicy", GetLineageGroupPolicy$) {
    };
    var GetModelPackageGroupPolicyCommand = class extends command(_ep0, _mw0, "GetModelPackageGroupPolicy", GetModelPackageGroupPolicy$) {
    };
    var GetSagemakerServicecatalogPortfolioStatusCommand = class extends command(_ep0, _mw0, "GetSagemakerServicecatalogPortfolioStatus", GetSagemakerServicecatalogPortfolioStatus$) {
    };
    var GetScalingConfigurationRecommendationCommand = class extends command(_ep0, _mw0, "GetScalingConfigurationRecommendation", GetScalingConfigurationRecommendation$) {
    };
    var GetSearchSuggestionsCommand = class extends command(_ep0, _mw0, "GetSearchSuggestions", GetSearchSuggestions$) {
    };
    var ImportHubContentCommand = class extends command(_ep0, _mw0, "ImportHubContent", ImportHubContent$) {
    };
    var ListActionsCommand = class extends command(_ep0, _mw0, "ListActions", ListActions$) {
    };
    var ListAIBenchmarkJobsCommand = class extends command(_ep0, _mw0, "ListAIBenchmarkJobs", ListAIBenchmarkJobs$) {
    };
    var ListAIRecommendationJobsCommand = class extends command(_ep0, _mw0, "ListAIRecommendationJobs", ListAIRecommendationJobs$) {
    };
    var ListAIWorkloadConfigsCommand = class extends command(_ep0, _mw0, "ListAIWorkloadConfigs", ListAIWorkloadConfigs$) {
    };
    var ListAlgorithmsCommand = class extends command(_ep0, _mw0, "ListAlgorithms", ListAlgorithms$) {
    };
    var ListAliasesCommand = class extends command(_ep0, _mw0, "ListAliases", ListAliases$) {
    };
    var ListAppImageConfigsCommand = class extends command(_ep0, _mw0, "ListAppImageConfigs", ListAppImageConfigs$) {
    };
    var ListAppsCommand = class extends command(_ep0, _mw0, "ListApps", ListApps$) {
    };
    var ListArtifactsCommand = class extends command(_ep0, _mw0, "ListArtifacts", ListArtifacts$) {
    };
    var ListAssociationsCommand = class extends command(_ep0, _mw0, "ListAssociations", ListAssociations$) {
    };
    var ListAutoMLJobsCommand = class extends command(_ep0, _mw0, "ListAutoMLJobs", ListAutoMLJobs$) {
    };
    var ListCandidatesForAutoMLJobCommand = class extends command(_ep0, _mw0, "ListCandidatesForAutoMLJob", ListCandidatesForAutoMLJob$) {
    };
    var ListClusterEventsCommand = class extends command(_ep0, _mw0, "ListClusterEvents", ListClusterEvents$) {
    };
    var ListClusterNodesCommand = class extends command(_ep0, _mw0, "ListClusterNodes", ListClusterNodes$) {
    };
    var ListClusterSchedulerConfigsCommand = class extends command(_ep0, _mw0, "ListClusterSchedulerConfigs", ListClusterSchedulerConfigs$) {
    };
    var ListClustersCommand = class extends command(_ep0, _mw0, "ListClusters", ListClusters$) {
    };
    var ListCodeRepositoriesCommand = class extends command(_ep0, _mw0, "ListCodeRepositories", ListCodeRepositories$) {
    };
    var ListCompilationJobsCommand = class extends command(_ep0, _mw0, "ListCompilationJobs", ListCompilationJobs$) {
    };
    var ListComputeQuotasCommand = class extends command(_ep0, _mw0, "ListComputeQuotas", ListComputeQuotas$) {
    };
    var ListContextsCommand = class extends command(_ep0, _mw0, "ListContexts", ListContexts$) {
    };
    var ListDataQualityJobDefinitionsCommand = class extends command(_ep0, _mw0, "ListDataQualityJobDefinitions", ListDataQualityJobDefinitions$) {
    };
    var ListDeviceFleetsCommand = class extends command(_ep0, _mw0, "ListDeviceFleets", ListDeviceFleets$) {
    };
    var ListDevicesCommand = class extends command(_ep0, _mw0, "ListDevices", ListDevices$) {
    };
    var ListDomainsCommand = class extends command(_ep0, _mw0, "ListDomains", ListDomains$) {
    };
    var ListEdgeDeploymentPlansCommand = class extends command(_ep0, _mw0, "ListEdgeDeploymentPlans", ListEdgeDeploymentPlans$) {
    };
    var ListEdgePackagingJobsCommand = class extends command(_ep0, _mw0, "ListEdgePackagingJobs", ListEdgePackagingJobs$) {
    };
    var ListEndpointConfigsCommand = class extends command(_ep0, _mw0, "ListEndpointConfigs", ListEndpointConfigs$) {
    };
    var ListEndpointsCommand = class extends command(_ep0, _mw0, "ListEndpoints", ListEndpoints$) {
    };
    var ListExperimentsCommand = class extends command(_ep0, _mw0, "ListExperiments", ListExperiments$) {
    };
    var ListFeatureGroupsCommand = class extends command(_ep0, _mw0, "ListFeatureGroups", ListFeatureGroups$) {
    };
    var ListFlowDefinitionsCommand = class extends command(_ep0, _mw0, "ListFlowDefinitions", ListFlowDefinitions$) {
    };
    var ListHubContentsCommand = class extends command(_ep0, _mw0, "ListHubContents", ListHubContents$) {
    };
    var ListHubContentVersionsCommand = class extends command(_ep0, _mw0, "ListHubContentVersions", ListHubContentVersions$) {
    };
    var ListHubsCommand = class extends command(_ep0, _mw0, "ListHubs", ListHubs$) {
    };
    var ListHumanTaskUisCommand = class extends command(_ep0, _mw0, "ListHumanTaskUis", ListHumanTaskUis$) {
    };
    var ListHyperParameterTuningJobsCommand = class extends command(_ep0, _mw0, "ListHyperParameterTuningJobs", ListHyperParameterTuningJobs$) {
    };
    var ListImagesCommand = class extends command(_ep0, _mw0, "ListImages", ListImages$) {
    };
    var ListImageVersionsCommand = class extends command(_ep0, _mw0, "ListImageVersions", ListImageVersions$) {
    };
    var ListInferenceComponentsCommand = class extends command(_ep0, _mw0, "ListInferenceComponents", ListInferenceComponents$) {
    };
    var ListInferenceExperimentsCommand = class extends command(_ep0, _mw0, "ListInferenceExperiments", ListInferenceExperiments$) {
    };
    var ListInferenceRecommendationsJobsCommand = class extends command(_ep0, _mw0, "ListInferenceRecommendationsJobs", ListInferenceRecommendationsJobs$) {
    };
    var ListInferenceRecommendationsJobStepsCommand = class extends command(_ep0, _mw0, "ListInferenceRecommendationsJobSteps", ListInferenceRecommendationsJobSteps$) {
    };
    var ListJobSchemaVersionsCommand = class extends command(_ep0, _mw0, "ListJobSchemaVersions", ListJobSchemaVersions$) {
    };
    var ListJobsCommand = class extends command(_ep0, _mw0, "ListJobs", ListJobs$) {
    };
    var ListLabelingJobsCommand = class extends command(_ep0, _mw0, "ListLabelingJobs", ListLabelingJobs$) {
    };
    var ListLabelingJobsForWorkteamCommand = class extends command(_ep0, _mw0, "ListLabelingJobsForWorkteam", ListLabelingJobsForWorkteam$) {
    };
    var ListLineageGroupsCommand = class extends command(_ep0, _mw0, "ListLineageGroups", ListLineageGroups$) {
    };
    var ListMlflowAppsCommand = class extends command(_ep0, _mw0, "ListMlflowApps", ListMlflowApps$) {
    };
    var ListMlflowTrackingServersCommand = class extends command(_ep0, _mw0, "ListMlflowTrackingServers", ListMlflowTrackingServers$) {
    };
    var ListModelBiasJobDefinitionsCommand = class extends command(_ep0, _mw0, "ListModelBiasJobDefinitions", ListModelBiasJobDefinitions$) {
    };
    var ListModelCardExportJobsCommand = class extends command(_ep0, _mw0, "ListModelCardExportJobs", ListModelCardExportJobs$) {
    };
    var ListModelCardsCommand = class extends command(_ep0, _mw0, "ListModelCards", ListModelCards$) {
    };
    var ListModelCardVersionsCommand = class extends command(_ep0, _mw0, "ListModelCardVersions", ListModelCardVersions$) {
    };
    var ListModelExplainabilityJobDefinitionsCommand = class extends command(_ep0, _mw0, "ListModelExplainabilityJobDefinitions", ListModelExplainabilityJobDefinitions$) {
    };
    var ListModelMetadataCommand = class extends command(_ep0, _mw0, "ListModelMetadata", ListModelMetadata$) {
    };
    var ListModelPackageGroupsCommand = class extends command(_ep0, _mw0, "ListModelPackageGroups", ListModelPackageGroups$) {
    };
    var ListModelPackagesCommand = class extends command(_ep0, _mw0, "ListModelPackages", ListModelPackages$) {
    };
    var ListModelQualityJobDefinitionsCommand = class extends command(_ep0, _mw0, "ListModelQualityJobDefinitions", ListModelQualityJobDefinitions$) {
    };
    var ListModelsCommand = class extends command(_ep0, _mw0, "ListModels", ListModels$) {
    };
    var ListMonitoringAlertHistoryCommand = class extends command(_ep0, _mw0, "ListMonitoringAlertHistory", ListMonitoringAlertHistory$) {
    };
    var ListMonitoringAlertsCommand = class extends command(_ep0, _mw0, "ListMonitoringAlerts", ListMonitoringAlerts$) {
    };
    var ListMonitoringExecutionsCommand = class extends command(_ep0, _mw0, "ListMonitoringExecutions", ListMonitoringExecutions$) {
    };
    var ListMonitoringSchedulesCommand = class extends command(_ep0, _mw0, "ListMonitoringSchedules", ListMonitoringSchedules$) {
    };
    var ListNotebookInstanceLifecycleConfigsCommand = class extends command(_ep0, _mw0, "ListNotebookInstanceLifecycleConfigs", ListNotebookInstanceLifecycleConfigs$) {
    };
    var ListNotebookInstancesCommand = class extends command(_ep0, _mw0, "ListNotebookInstances", ListNotebookInstances$) {
    };
    var ListOptimizationJobsCommand = class extends command(_ep0, _mw0, "ListOptimizationJobs", ListOptimizationJobs$) {
    };
    var ListPartnerAppsCommand = class extends command(_ep0, _mw0, "ListPartnerApps", ListPartnerApps$) {
    };
    var ListPipelineExecutionsCommand = class extends command(_ep0, _mw0, "ListPipelineExecutions", ListPipelineExecutions$) {
    };
    var ListPipelineExecutionStepsCommand = class extends command(_ep0, _mw0, "ListPipelineExecutionSteps", ListPipelineExecutionSteps$) {
    };
    var ListPipelineParametersForExecutionCommand = class extends command(_ep0, _mw0, "ListPipelineParametersForExecution", ListPipelineParametersForExecution$) {
    };
    var ListPipelinesCommand = class extends command(_ep0, _mw0, "ListPipelines", ListPipelines$) {
    };
    var ListPipelineVersionsCommand = class extends command(_ep0, _mw0, "ListPipelineVersions", ListPipelineVersions$) {
    };
    var ListProcessingJobsCommand = class extends command(_ep0, _mw0, "ListProcessingJobs", ListProcessingJobs$) {
    };
    var ListProjectsCommand = class extends command(_ep0, _mw0, "ListProjects", ListProjects$) {
    };
    var ListResourceCatalogsCommand = class extends command(_ep0, _mw0, "ListResourceCatalogs", ListResourceCatalogs$) {
    };
    var ListSpacesCommand = class extends command(_ep0, _mw0, "ListSpaces", ListSpaces$) {
    };
    var ListStageDevicesCommand = class extends command(_ep0, _mw0, "ListStageDevices", ListStageDevices$) {
    };
    var ListStudioLifecycleConfigsCommand = class extends command(_ep0, _mw0, "ListStudioLifecycleConfigs", ListStudioLifecycleConfigs$) {
    };
    var ListSubscribedWorkteamsCommand = class extends command(_ep0, _mw0, "ListSubscribedWorkteams", ListSubscribedWorkteams$) {
    };
    var ListTagsCommand = class extends command(_ep0, _mw0, "ListTags", ListTags$) {
    };
    var ListTrainingJobsCommand = class extends command(_ep0, _mw0, "ListTrainingJobs", ListTrainingJobs$) {
    };
    var ListTrainingJobsForHyperParameterTuningJobCommand = class extends command(_ep0, _mw0, "ListTrainingJobsForHyperParameterTuningJob", ListTrainingJobsForHyperParameterTuningJob$) {
    };
    var ListTrainingPlansCommand = class extends command(_ep0, _mw0, "ListTrainingPlans", ListTrainingPlans$) {
    };
    var ListTransformJobsCommand = class extends command(_ep0, _mw0, "ListTransformJobs", ListTransformJobs$) {
    };
    var ListTrialComponentsCommand = class extends command(_ep0, _mw0, "ListTrialComponents", ListTrialComponents$) {
    };
    var ListTrialsCommand = class extends command(_ep0, _mw0, "ListTrials", ListTrials$) {
    };
    var ListUltraServersByReservedCapacityCommand = class extends command(_ep0, _mw0, "ListUltraServersByReservedCapacity", ListUltraServersByReservedCapacity$) {
    };
    var ListUserProfilesCommand = class extends command(_ep0, _mw0, "ListUserProfiles", ListUserProfiles$) {
    };
    var ListWorkforcesCommand = class extends command(_ep0, _mw0, "ListWorkforces", ListWorkforces$) {
    };
    var ListWorkteamsCommand = class extends command(_ep0, _mw0, "ListWorkteams", ListWorkteams$) {
    };
    var PutModelPackageGroupPolicyCommand = class extends command(_ep0, _mw0, "PutModelPackageGroupPolicy", PutModelPackageGroupPolicy$) {
    };
    var QueryLineageCommand = class extends command(_ep0, _mw0, "QueryLineage", QueryLineage$) {
    };
    var RegisterDevicesCommand = class extends command(_ep0, _mw0, "RegisterDevices", RegisterDevices$) {
    };
    var RenderUiTemplateCommand = class extends command(_ep0, _mw0, "RenderUiTemplate", RenderUiTemplate$) {
    };
    var RetryPipelineExecutionCommand = class extends command(_ep0, _mw0, "RetryPipelineExecution", RetryPipelineExecution$) {
    };
    var SearchCommand = class extends command(_ep0, _mw0, "Search", Search$) {
    };
    var SearchTrainingPlanOfferingsCommand = class extends command(_ep0, _mw0, "SearchTrainingPlanOfferings", SearchTrainingPlanOfferings$) {
    };
    var SendPipelineExecutionStepFailureCommand = class extends command(_ep0, _mw0, "SendPipelineExecutionStepFailure", SendPipelineExecutionStepFailure$) {
    };
    var SendPipelineExecutionStepSuccessCommand = class extends command(_ep0, _mw0, "SendPipelineExecutionStepSuccess", SendPipelineExecutionStepSuccess$) {
    };
    var StartClusterHealthCheckCommand = class extends command(_ep0, _mw0, "StartClusterHealthCheck", StartClusterHealthCheck$) {
    };
    var StartEdgeDeploymentStageCommand = class extends command(_ep0, _mw0, "StartEdgeDeploymentStage", StartEdgeDeploymentStage$) {
    };
    var StartInferenceExperimentCommand = class extends command(_ep0, _mw0, "StartInferenceExperiment", StartInferenceExperiment$) {
    };
    var StartMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "StartMlflowTrackingServer", StartMlflowTrackingServer$) {
    };
    var StartMonitoringScheduleCommand = class extends command(_ep0, _mw0, "StartMonitoringSchedule", StartMonitoringSchedule$) {
    };
    var StartNotebookInstanceCommand = class extends command(_ep0, _mw0, "StartNotebookInstance", StartNotebookInstance$) {
    };
    var StartPipelineExecutionCommand = class extends command(_ep0, _mw0, "StartPipelineExecution", StartPipelineExecution$) {
    };
    var StartSessionCommand = class extends command(_ep0, _mw0, "StartSession", StartSession$) {
    };
    var StopAIBenchmarkJobCommand = class extends command(_ep0, _mw0, "StopAIBenchmarkJob", StopAIBenchmarkJob$) {
    };
    var StopAIRecommendationJobCommand = class extends command(_ep0, _mw0, "StopAIRecommendationJob", StopAIRecommendationJob$) {
    };
    var StopAutoMLJobCommand = class extends command(_ep0, _mw0, "StopAutoMLJob", StopAutoMLJob$) {
    };
    var StopCompilationJobCommand = class extends command(_ep0, _mw0, "StopCompilationJob", StopCompilationJob$) {
    };
    var StopEdgeDeploymentStageCommand = class extends command(_ep0, _mw0, "StopEdgeDeploymentStage", StopEdgeDeploymentStage$) {
    };
    var StopEdgePackagingJobCommand = class extends command(_ep0, _mw0, "StopEdgePackagingJob", StopEdgePackagingJob$) {
    };
    var StopHyperParameterTuningJobCommand = class extends command(_ep0, _mw0, "StopHyperParameterTuningJob", StopHyperParameterTuningJob$) {
    };
    var StopInferenceExperimentCommand = class extends command(_ep0, _mw0, "StopInferenceExperiment", StopInferenceExperiment$) {
    };
    var StopInferenceRecommendationsJobCommand = class extends command(_ep0, _mw0, "StopInferenceRecommendationsJob", StopInferenceRecommendationsJob$) {
    };
    var StopJobCommand = class extends command(_ep0, _mw0, "StopJob", StopJob$) {
    };
    var StopLabelingJobCommand = class extends command(_ep0, _mw0, "StopLabelingJob", StopLabelingJob$) {
    };
    var StopMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "StopMlflowTrackingServer", StopMlflowTrackingServer$) {
    };
    var StopMonitoringScheduleCommand = class extends command(_ep0, _mw0, "StopMonitoringSchedule", StopMonitoringSchedule$) {
    };
    var StopNotebookInstanceCommand = class extends command(_ep0, _mw0, "StopNotebookInstance", StopNotebookInstance$) {
    };
    var StopOptimizationJobCommand = class extends command(_ep0, _mw0, "StopOptimizationJob", StopOptimizationJob$) {
    };
    var StopPipelineExecutionCommand = class extends command(_ep0, _mw0, "StopPipelineExecution", StopPipelineExecution$) {
    };
    var StopProcessingJobCommand = class extends command(_ep0, _mw0, "StopProcessingJob", StopProcessingJob$) {
    };
    var StopTrainingJobCommand = class extends command(_ep0, _mw0, "StopTrainingJob", StopTrainingJob$) {
    };
    var StopTransformJobCommand = class extends command(_ep0, _mw0, "StopTransformJob", StopTransformJob$) {
    };
    var UpdateActionCommand = class extends command(_ep0, _mw0, "UpdateAction", UpdateAction$) {
    };
    var UpdateAppImageConfigCommand = class extends command(_ep0, _mw0, "UpdateAppImageConfig", UpdateAppImageConfig$) {
    };
    var UpdateArtifactCommand = class extends command(_ep0, _mw0, "UpdateArtifact", UpdateArtifact$) {
    };
    var UpdateClusterCommand = class extends command(_ep0, _mw0, "UpdateCluster", UpdateCluster$) {
    };
    var UpdateClusterSchedulerConfigCommand = class extends command(_ep0, _mw0, "UpdateClusterSchedulerConfig", UpdateClusterSchedulerConfig$) {
    };
    var UpdateClusterSoftwareCommand = class extends command(_ep0, _mw0, "UpdateClusterSoftware", UpdateClusterSoftware$) {
    };
    var UpdateCodeRepositoryCommand = class extends command(_ep0, _mw0, "UpdateCodeRepository", UpdateCodeRepository$) {
    };
    var UpdateComputeQuotaCommand = class extends command(_ep0, _mw0, "UpdateComputeQuota", UpdateComputeQuota$) {
    };
    var UpdateContextCommand = class extends command(_ep0, _mw0, "UpdateContext", UpdateContext$) {
    };
    var UpdateDeviceFleetCommand = class extends command(_ep0, _mw0, "UpdateDeviceFleet", UpdateDeviceFleet$) {
    };
    var UpdateDevicesCommand = class extends command(_ep0, _mw0, "UpdateDevices", UpdateDevices$) {
    };
    var UpdateDomainCommand = class extends command(_ep0, _mw0, "UpdateDomain", UpdateDomain$) {
    };
    var UpdateEndpointCommand = class extends command(_ep0, _mw0, "UpdateEndpoint", UpdateEndpoint$) {
    };
    var UpdateEndpointWeightsAndCapacitiesCommand2 = class extends command(_ep0, _mw0, "UpdateEndpointWeightsAndCapacities", UpdateEndpointWeightsAndCapacities$) {
    };
    var UpdateExperimentCommand = class extends command(_ep0, _mw0, "UpdateExperiment", UpdateExperiment$) {
    };
    var UpdateFeatureGroupCommand = class extends command(_ep0, _mw0, "UpdateFeatureGroup", UpdateFeatureGroup$) {
    };
    var UpdateFeatureMetadataCommand = class extends command(_ep0, _mw0, "UpdateFeatureMetadata", UpdateFeatureMetadata$) {
    };
    var UpdateHubCommand = class extends command(_ep0, _mw0, "UpdateHub", UpdateHub$) {
    };
    var UpdateHubContentCommand = class extends command(_ep0, _mw0, "UpdateHubContent", UpdateHubContent$) {
    };
    var UpdateHubContentReferenceCommand = class extends command(_ep0, _mw0, "UpdateHubContentReference", UpdateHubContentReference$) {
    };
    var UpdateImageCommand = class extends command(_ep0, _mw0, "UpdateImage", UpdateImage$) {
    };
    var UpdateImageVersionCommand = class extends command(_ep0, _mw0, "UpdateImageVersion", UpdateImageVersion$) {
    };
    var UpdateInferenceComponentCommand = class extends command(_ep0, _mw0, "UpdateInferenceComponent", UpdateInferenceComponent$) {
    };
    var UpdateInferenceComponentRuntimeConfigCommand = class extends command(_ep0, _mw0, "UpdateInferenceComponentRuntimeConfig", UpdateInferenceComponentRuntimeConfig$) {
    };
    var UpdateInferenceExperimentCommand = class extends command(_ep0, _mw0, "UpdateInferenceExperiment", UpdateInferenceExperiment$) {
    };
    var UpdateMlflowAppCommand = class extends command(_ep0, _mw0, "UpdateMlflowApp", UpdateMlflowApp$) {
    };
    var UpdateMlflowTrackingServerCommand = class extends command(_ep0, _mw0, "UpdateMlflowTrackingServer", UpdateMlflowTrackingServer$) {
    };
    var UpdateModelCardCommand = class extends command(_ep0, _mw0, "UpdateModelCard", UpdateModelCard$) {
    };
    var UpdateModelPackageCommand = class extends command(_ep0, _mw0, "UpdateModelPackage", UpdateModelPackage$) {
    };
    var UpdateMonitoringAlertCommand = class extends command(_ep0, _mw0, "UpdateMonitoringAlert", UpdateMonitoringAlert$) {
    };
    var UpdateMonitoringScheduleCommand = class extends command(_ep0, _mw0, "UpdateMonitoringSchedule", UpdateMonitoringSchedule$) {
    };
    var UpdateNotebookInstanceCommand = class extends command(_ep0, _mw0, "UpdateNotebookInstance", UpdateNotebookInstance$) {
    };
    var UpdateNotebookInstanceLifecycleConfigCommand = class extends command(_ep0, _mw0, "UpdateNotebookInstanceLifecycleConfig", UpdateNotebookInstanceLifecycleConfig$) {
    };
    var UpdatePartnerAppCommand = class extends command(_ep0, _mw0, "UpdatePartnerApp", UpdatePartnerApp$) {
    };
    var UpdatePipelineCommand = class extends command(_ep0, _mw0, "UpdatePipeline", UpdatePipeline$) {
    };
    var UpdatePipelineExecutionCommand = class extends command(_ep0, _mw0, "UpdatePipelineExecution", UpdatePipelineExecution$) {
    };
    var UpdatePipelineVersionCommand = class extends command(_ep0, _mw0, "UpdatePipelineVersion", UpdatePipelineVersion$) {
    };
    var UpdateProjectCommand = class extends command(_ep0, _mw0, "UpdateProject", UpdateProject$) {
    };
    var UpdateSpaceCommand = class extends command(_ep0, _mw0, "UpdateSpace", UpdateSpace$) {
    };
    var UpdateTrainingJobCommand = class extends command(_ep0, _mw0, "UpdateTrainingJob", UpdateTrainingJob$) {
    };
    var UpdateTrialCommand = class extends command(_ep0, _mw0, "UpdateTrial", UpdateTrial$) {
    };
    var UpdateTrialComponentCommand = class extends command(_ep0, _mw0, "UpdateTrialComponent", UpdateTrialComponent$) {
    };
    var UpdateUserProfileCommand = class extends command(_ep0, _mw0, "UpdateUserProfile", UpdateUserProfile$) {
    };
    var UpdateWorkforceCommand = class extends command(_ep0, _mw0, "UpdateWorkforce", UpdateWorkforce$) {
    };
    var UpdateWorkteamCommand = class extends command(_ep0, _mw0, "UpdateWorkteam", UpdateWorkteam$) {
    };
    var paginateCreateHubContentPresignedUrls = createPaginator(SageMakerClient2, CreateHubContentPresignedUrlsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateDescribeTrainingPlanExtensionHistory = createPaginator(SageMakerClient2, DescribeTrainingPlanExtensionHistoryCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListActions = createPaginator(SageMakerClient2, ListActionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAIBenchmarkJobs = createPaginator(SageMakerClient2, ListAIBenchmarkJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAIRecommendationJobs = createPaginator(SageMakerClient2, ListAIRecommendationJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAIWorkloadConfigs = createPaginator(SageMakerClient2, ListAIWorkloadConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAlgorithms = createPaginator(SageMakerClient2, ListAlgorithmsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAliases = createPaginator(SageMakerClient2, ListAliasesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAppImageConfigs = createPaginator(SageMakerClient2, ListAppImageConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListApps = createPaginator(SageMakerClient2, ListAppsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListArtifacts = createPaginator(SageMakerClient2, ListArtifactsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAssociations = createPaginator(SageMakerClient2, ListAssociationsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListAutoMLJobs = createPaginator(SageMakerClient2, ListAutoMLJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListCandidatesForAutoMLJob = createPaginator(SageMakerClient2, ListCandidatesForAutoMLJobCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListClusterEvents = createPaginator(SageMakerClient2, ListClusterEventsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListClusterNodes = createPaginator(SageMakerClient2, ListClusterNodesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListClusterSchedulerConfigs = createPaginator(SageMakerClient2, ListClusterSchedulerConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListClusters = createPaginator(SageMakerClient2, ListClustersCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListCodeRepositories = createPaginator(SageMakerClient2, ListCodeRepositoriesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListCompilationJobs = createPaginator(SageMakerClient2, ListCompilationJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListComputeQuotas = createPaginator(SageMakerClient2, ListComputeQuotasCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListContexts = createPaginator(SageMakerClient2, ListContextsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListDataQualityJobDefinitions = createPaginator(SageMakerClient2, ListDataQualityJobDefinitionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListDeviceFleets = createPaginator(SageMakerClient2, ListDeviceFleetsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListDevices = createPaginator(SageMakerClient2, ListDevicesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListDomains = createPaginator(SageMakerClient2, ListDomainsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListEdgeDeploymentPlans = createPaginator(SageMakerClient2, ListEdgeDeploymentPlansCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListEdgePackagingJobs = createPaginator(SageMakerClient2, ListEdgePackagingJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListEndpointConfigs = createPaginator(SageMakerClient2, ListEndpointConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListEndpoints = createPaginator(SageMakerClient2, ListEndpointsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListExperiments = createPaginator(SageMakerClient2, ListExperimentsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListFeatureGroups = createPaginator(SageMakerClient2, ListFeatureGroupsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListFlowDefinitions = createPaginator(SageMakerClient2, ListFlowDefinitionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListHumanTaskUis = createPaginator(SageMakerClient2, ListHumanTaskUisCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListHyperParameterTuningJobs = createPaginator(SageMakerClient2, ListHyperParameterTuningJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListImages = createPaginator(SageMakerClient2, ListImagesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListImageVersions = createPaginator(SageMakerClient2, ListImageVersionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListInferenceComponents = createPaginator(SageMakerClient2, ListInferenceComponentsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListInferenceExperiments = createPaginator(SageMakerClient2, ListInferenceExperimentsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListInferenceRecommendationsJobs = createPaginator(SageMakerClient2, ListInferenceRecommendationsJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListInferenceRecommendationsJobSteps = createPaginator(SageMakerClient2, ListInferenceRecommendationsJobStepsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListJobSchemaVersions = createPaginator(SageMakerClient2, ListJobSchemaVersionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListJobs = createPaginator(SageMakerClient2, ListJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListLabelingJobsForWorkteam = createPaginator(SageMakerClient2, ListLabelingJobsForWorkteamCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListLabelingJobs = createPaginator(SageMakerClient2, ListLabelingJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListLineageGroups = createPaginator(SageMakerClient2, ListLineageGroupsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMlflowApps = createPaginator(SageMakerClient2, ListMlflowAppsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMlflowTrackingServers = createPaginator(SageMakerClient2, ListMlflowTrackingServersCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelBiasJobDefinitions = createPaginator(SageMakerClient2, ListModelBiasJobDefinitionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelCardExportJobs = createPaginator(SageMakerClient2, ListModelCardExportJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelCards = createPaginator(SageMakerClient2, ListModelCardsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelCardVersions = createPaginator(SageMakerClient2, ListModelCardVersionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelExplainabilityJobDefinitions = createPaginator(SageMakerClient2, ListModelExplainabilityJobDefinitionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelMetadata = createPaginator(SageMakerClient2, ListModelMetadataCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelPackageGroups = createPaginator(SageMakerClient2, ListModelPackageGroupsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelPackages = createPaginator(SageMakerClient2, ListModelPackagesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModelQualityJobDefinitions = createPaginator(SageMakerClient2, ListModelQualityJobDefinitionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListModels = createPaginator(SageMakerClient2, ListModelsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMonitoringAlertHistory = createPaginator(SageMakerClient2, ListMonitoringAlertHistoryCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMonitoringAlerts = createPaginator(SageMakerClient2, ListMonitoringAlertsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMonitoringExecutions = createPaginator(SageMakerClient2, ListMonitoringExecutionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListMonitoringSchedules = createPaginator(SageMakerClient2, ListMonitoringSchedulesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListNotebookInstanceLifecycleConfigs = createPaginator(SageMakerClient2, ListNotebookInstanceLifecycleConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListNotebookInstances = createPaginator(SageMakerClient2, ListNotebookInstancesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListOptimizationJobs = createPaginator(SageMakerClient2, ListOptimizationJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPartnerApps = createPaginator(SageMakerClient2, ListPartnerAppsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPipelineExecutions = createPaginator(SageMakerClient2, ListPipelineExecutionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPipelineExecutionSteps = createPaginator(SageMakerClient2, ListPipelineExecutionStepsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPipelineParametersForExecution = createPaginator(SageMakerClient2, ListPipelineParametersForExecutionCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPipelines = createPaginator(SageMakerClient2, ListPipelinesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListPipelineVersions = createPaginator(SageMakerClient2, ListPipelineVersionsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListProcessingJobs = createPaginator(SageMakerClient2, ListProcessingJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListProjects = createPaginator(SageMakerClient2, ListProjectsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListResourceCatalogs = createPaginator(SageMakerClient2, ListResourceCatalogsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListSpaces = createPaginator(SageMakerClient2, ListSpacesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListStageDevices = createPaginator(SageMakerClient2, ListStageDevicesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListStudioLifecycleConfigs = createPaginator(SageMakerClient2, ListStudioLifecycleConfigsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListSubscribedWorkteams = createPaginator(SageMakerClient2, ListSubscribedWorkteamsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTags = createPaginator(SageMakerClient2, ListTagsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTrainingJobsForHyperParameterTuningJob = createPaginator(SageMakerClient2, ListTrainingJobsForHyperParameterTuningJobCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTrainingJobs = createPaginator(SageMakerClient2, ListTrainingJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTrainingPlans = createPaginator(SageMakerClient2, ListTrainingPlansCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTransformJobs = createPaginator(SageMakerClient2, ListTransformJobsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTrialComponents = createPaginator(SageMakerClient2, ListTrialComponentsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListTrials = createPaginator(SageMakerClient2, ListTrialsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListUltraServersByReservedCapacity = createPaginator(SageMakerClient2, ListUltraServersByReservedCapacityCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListUserProfiles = createPaginator(SageMakerClient2, ListUserProfilesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListWorkforces = createPaginator(SageMakerClient2, ListWorkforcesCommand, "NextToken", "NextToken", "MaxResults");
    var paginateListWorkteams = createPaginator(SageMakerClient2, ListWorkteamsCommand, "NextToken", "NextToken", "MaxResults");
    var paginateQueryLineage = createPaginator(SageMakerClient2, QueryLineageCommand, "NextToken", "NextToken", "MaxResults");
    var paginateSearch = createPaginator(SageMakerClient2, SearchCommand, "NextToken", "NextToken", "MaxResults");
    var checkState$c = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeEndpointCommand2(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.EndpointStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.SUCCESS, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForEndpointDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$c);
    };
    var waitUntilEndpointDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$c);
      return checkExceptions(result);
    };
    var checkState$b = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeEndpointCommand2(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.EndpointStatus;
          };
          if (returnComparator() === "InService") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.EndpointStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForEndpointInService = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$b);
    };
    var waitUntilEndpointInService = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$b);
      return checkExceptions(result);
    };
    var checkState$a = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeImageCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ImageStatus;
          };
          if (returnComparator() === "CREATED") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.ImageStatus;
          };
          if (returnComparator() === "CREATE_FAILED") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForImageCreated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$a);
    };
    var waitUntilImageCreated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$a);
      return checkExceptions(result);
    };
    var checkState$9 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeImageCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ImageStatus;
          };
          if (returnComparator() === "DELETE_FAILED") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
          return { state: WaiterState.SUCCESS, reason };
        }
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForImageDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$9);
    };
    var waitUntilImageDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$9);
      return checkExceptions(result);
    };
    var checkState$8 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeImageCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ImageStatus;
          };
          if (returnComparator() === "CREATED") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.ImageStatus;
          };
          if (returnComparator() === "UPDATE_FAILED") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForImageUpdated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$8);
    };
    var waitUntilImageUpdated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$8);
      return checkExceptions(result);
    };
    var checkState$7 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeImageVersionCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ImageVersionStatus;
          };
          if (returnComparator() === "CREATED") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.ImageVersionStatus;
          };
          if (returnComparator() === "CREATE_FAILED") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForImageVersionCreated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$7);
    };
    var waitUntilImageVersionCreated = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$7);
      return checkExceptions(result);
    };
    var checkState$6 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeImageVersionCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ImageVersionStatus;
          };
          if (returnComparator() === "DELETE_FAILED") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
          return { state: WaiterState.SUCCESS, reason };
        }
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForImageVersionDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$6);
    };
    var waitUntilImageVersionDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$6);
      return checkExceptions(result);
    };
    var checkState$5 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeNotebookInstanceCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.NotebookInstanceStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.SUCCESS, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForNotebookInstanceDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$5);
    };
    var waitUntilNotebookInstanceDeleted = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$5);
      return checkExceptions(result);
    };
    var checkState$4 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeNotebookInstanceCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.NotebookInstanceStatus;
          };
          if (returnComparator() === "InService") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.NotebookInstanceStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForNotebookInstanceInService = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
    };
    var waitUntilNotebookInstanceInService = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
      return checkExceptions(result);
    };
    var checkState$3 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeNotebookInstanceCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.NotebookInstanceStatus;
          };
          if (returnComparator() === "Stopped") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.NotebookInstanceStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForNotebookInstanceStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
    };
    var waitUntilNotebookInstanceStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 30, maxDelay: 1800 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
      return checkExceptions(result);
    };
    var checkState$2 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeProcessingJobCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.ProcessingJobStatus;
          };
          if (returnComparator() === "Completed") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.ProcessingJobStatus;
          };
          if (returnComparator() === "Stopped") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.ProcessingJobStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForProcessingJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    };
    var waitUntilProcessingJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
      return checkExceptions(result);
    };
    var checkState$1 = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeTrainingJobCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.TrainingJobStatus;
          };
          if (returnComparator() === "Completed") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.TrainingJobStatus;
          };
          if (returnComparator() === "Stopped") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.TrainingJobStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForTrainingJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 120, maxDelay: 21600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    };
    var waitUntilTrainingJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 120, maxDelay: 21600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
      return checkExceptions(result);
    };
    var checkState = async (client, input) => {
      let reason;
      try {
        let result = await client.send(new DescribeTransformJobCommand(input));
        reason = result;
        try {
          const returnComparator = () => {
            return result.TransformJobStatus;
          };
          if (returnComparator() === "Completed") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.TransformJobStatus;
          };
          if (returnComparator() === "Stopped") {
            return { state: WaiterState.SUCCESS, reason };
          }
        } catch (e2) {
        }
        try {
          const returnComparator = () => {
            return result.TransformJobStatus;
          };
          if (returnComparator() === "Failed") {
            return { state: WaiterState.FAILURE, reason };
          }
        } catch (e2) {
        }
      } catch (exception) {
        reason = exception;
        if (exception.name === "ValidationException") {
          return { state: WaiterState.FAILURE, reason };
        }
      }
      return { state: WaiterState.RETRY, reason };
    };
    var waitForTransformJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    };
    var waitUntilTransformJobCompletedOrStopped = async (params, input) => {
      const serviceDefaults = { minDelay: 60, maxDelay: 3600 };
      const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
      return checkExceptions(result);
    };
    var commands = {
      AddAssociationCommand,
      AddTagsCommand,
      AssociateTrialComponentCommand,
      AttachClusterNodeNetworkInterfaceCommand,
      AttachClusterNodeVolumeCommand,
      BatchAddClusterNodesCommand,
      BatchDeleteClusterNodesCommand,
      BatchDescribeModelPackageCommand,
      BatchRebootClusterNodesCommand,
      BatchReplaceClusterNodesCommand,
      CreateActionCommand,
      CreateAIBenchmarkJobCommand,
      CreateAIRecommendationJobCommand,
      CreateAIWorkloadConfigCommand,
      CreateAlgorithmCommand,
      CreateAppCommand,
      CreateAppImageConfigCommand,
      CreateArtifactCommand,
      CreateAutoMLJobCommand,
      CreateAutoMLJobV2Command,
      CreateClusterCommand,
      CreateClusterSchedulerConfigCommand,
      CreateCodeRepositoryCommand,
      CreateCompilationJobCommand,
      CreateComputeQuotaCommand,
      CreateContextCommand,
      CreateDataQualityJobDefinitionCommand,
      CreateDeviceFleetCommand,
      CreateDomainCommand,
      CreateEdgeDeploymentPlanCommand,
      CreateEdgeDeploymentStageCommand,
      CreateEdgePackagingJobCommand,
      CreateEndpointCommand,
      CreateEndpointConfigCommand,
      CreateExperimentCommand,
      CreateFeatureGroupCommand,
      CreateFlowDefinitionCommand,
      CreateHubCommand,
      CreateHubContentPresignedUrlsCommand,
      CreateHubContentReferenceCommand,
      CreateHumanTaskUiCommand,
      CreateHyperParameterTuningJobCommand,
      CreateImageCommand,
      CreateImageVersionCommand,
      CreateInferenceComponentCommand,
      CreateInferenceExperimentCommand,
      CreateInferenceRecommendationsJobCommand,
      CreateJobCommand,
      CreateLabelingJobCommand,
      CreateMlflowAppCommand,
      CreateMlflowTrackingServerCommand,
      CreateModelCommand,
      CreateModelBiasJobDefinitionCommand,
      CreateModelCardCommand,
      CreateModelCardExportJobCommand,
      CreateModelExplainabilityJobDefinitionCommand,
      CreateModelPackageCommand,
      CreateModelPackageGroupCommand,
      CreateModelQualityJobDefinitionCommand,
      CreateMonitoringScheduleCommand,
      CreateNotebookInstanceCommand,
      CreateNotebookInstanceLifecycleConfigCommand,
      CreateOptimizationJobCommand,
      CreatePartnerAppCommand,
      CreatePartnerAppPresignedUrlCommand,
      CreatePipelineCommand,
      CreatePresignedDomainUrlCommand,
      CreatePresignedMlflowAppUrlCommand,
      CreatePresignedMlflowTrackingServerUrlCommand,
      CreatePresignedNotebookInstanceUrlCommand,
      CreateProcessingJobCommand,
      CreateProjectCommand,
      CreateSpaceCommand,
      CreateStudioLifecycleConfigCommand,
      CreateTrainingJobCommand,
      CreateTrainingPlanCommand,
      CreateTransformJobCommand,
      CreateTrialCommand,
      CreateTrialComponentCommand,
      CreateUserProfileCommand,
      CreateWorkforceCommand,
      CreateWorkteamCommand,
      DeleteActionCommand,
      DeleteAIBenchmarkJobCommand,
      DeleteAIRecommendationJobCommand,
      DeleteAIWorkloadConfigCommand,
      DeleteAlgorithmCommand,
      DeleteAppCommand,
      DeleteAppImageConfigCommand,
      DeleteArtifactCommand,
      DeleteAssociationCommand,
      DeleteClusterCommand,
      DeleteClusterSchedulerConfigCommand,
      DeleteCodeRepositoryCommand,
      DeleteCompilationJobCommand,
      DeleteComputeQuotaCommand,
      DeleteContextCommand,
      DeleteDataQualityJobDefinitionCommand,
      DeleteDeviceFleetCommand,
      DeleteDomainCommand,
      DeleteEdgeDeploymentPlanCommand,
      DeleteEdgeDeploymentStageCommand,
      DeleteEndpointCommand,
      DeleteEndpointConfigCommand,
      DeleteExperimentCommand,
      DeleteFeatureGroupCommand,
      DeleteFlowDefinitionCommand,
      DeleteHubCommand,
      DeleteHubContentCommand,
      DeleteHubContentReferenceCommand,
      DeleteHumanTaskUiCommand,
      DeleteHyperParameterTuningJobCommand,
      DeleteImageCommand,
      DeleteImageVersionCommand,
      DeleteInferenceComponentCommand,
      DeleteInferenceExperimentCommand,
      DeleteJobCommand,
      DeleteMlflowAppCommand,
      DeleteMlflowTrackingServerCommand,
      DeleteModelCommand,
      DeleteModelBiasJobDefinitionCommand,
      DeleteModelCardCommand,
      DeleteModelExplainabilityJobDefinitionCommand,
      DeleteModelPackageCommand,
      DeleteModelPackageGroupCommand,
      DeleteModelPackageGroupPolicyCommand,
      DeleteModelQualityJobDefinitionCommand,
      DeleteMonitoringScheduleCommand,
      DeleteNotebookInstanceCommand,
      DeleteNotebookInstanceLifecycleConfigCommand,
      DeleteOptimizationJobCommand,
      DeletePartnerAppCommand,
      DeletePipelineCommand,
      DeleteProcessingJobCommand,
      DeleteProjectCommand,
      DeleteSpaceCommand,
      DeleteStudioLifecycleConfigCommand,
      DeleteTagsCommand,
      DeleteTrainingJobCommand,
      DeleteTrialCommand,
      DeleteTrialComponentCommand,
      DeleteUserProfileCommand,
      DeleteWorkforceCommand,
      DeleteWorkteamCommand,
      DeregisterDevicesCommand,
      DescribeActionCommand,
      DescribeAIBenchmarkJobCommand,
      DescribeAIRecommendationJobCommand,
      DescribeAIWorkloadConfigCommand,
      DescribeAlgorithmCommand,
      DescribeAppCommand,
      DescribeAppImageConfigCommand,
      DescribeArtifactCommand,
      DescribeAutoMLJobCommand,
      DescribeAutoMLJobV2Command,
      DescribeClusterCommand,
      DescribeClusterEventCommand,
      DescribeClusterNodeCommand,
      DescribeClusterSchedulerConfigCommand,
      DescribeCodeRepositoryCommand,
      DescribeCompilationJobCommand,
      DescribeComputeQuotaCommand,
      DescribeContextCommand,
      DescribeDataQualityJobDefinitionCommand,
      DescribeDeviceCommand,
      DescribeDeviceFleetCommand,
      DescribeDomainCommand,
      DescribeEdgeDeploymentPlanCommand,
      DescribeEdgePackagingJobCommand,
      DescribeEndpointCommand: DescribeEndpointCommand2,
      DescribeEndpointConfigCommand,
      DescribeExperimentCommand,
      DescribeFeatureGroupCommand,
      DescribeFeatureMetadataCommand,
      DescribeFlowDefinitionCommand,
      DescribeHubCommand,
      DescribeHubContentCommand,
      DescribeHumanTaskUiCommand,
      DescribeHyperParameterTuningJobCommand,
      DescribeImageCommand,
      DescribeImageVersionCommand,
      DescribeInferenceComponentCommand,
      DescribeInferenceExperimentCommand,
      DescribeInferenceRecommendationsJobCommand,
      DescribeJobCommand,
      DescribeJobSchemaVersionCommand,
      DescribeLabelingJobCommand,
      DescribeLineageGroupCommand,
      DescribeMlflowAppCommand,
      DescribeMlflowTrackingServerCommand,
      DescribeModelCommand,
      DescribeModelBiasJobDefinitionCommand,
      DescribeModelCardCommand,
      DescribeModelCardExportJobCommand,
      DescribeModelExplainabilityJobDefinitionCommand,
      DescribeModelPackageCommand,
      DescribeModelPackageGroupCommand,
      DescribeModelQualityJobDefinitionCommand,
      DescribeMonitoringScheduleCommand,
      DescribeNotebookInstanceCommand,
      DescribeNotebookInstanceLifecycleConfigCommand,
      DescribeOptimizationJobCommand,
      DescribePartnerAppCommand,
      DescribePipelineCommand,
      DescribePipelineDefinitionForExecutionCommand,
      DescribePipelineExecutionCommand,
      DescribeProcessingJobCommand,
      DescribeProjectCommand,
      DescribeReservedCapacityCommand,
      DescribeSpaceCommand,
      DescribeStudioLifecycleConfigCommand,
      DescribeSubscribedWorkteamCommand,
      DescribeTrainingJobCommand,
      DescribeTrainingPlanCommand,
      DescribeTrainingPlanExtensionHistoryCommand,
      DescribeTransformJobCommand,
      DescribeTrialCommand,
      DescribeTrialComponentCommand,
      DescribeUserProfileCommand,
      DescribeWorkforceCommand,
      DescribeWorkteamCommand,
      DetachClusterNodeVolumeCommand,
      DisableSagemakerServicecatalogPortfolioCommand,
      DisassociateTrialComponentCommand,
      EnableSagemakerServicecatalogPortfolioCommand,
      ExtendTrainingPlanCommand,
      GetDeviceFleetReportCommand,
      GetLineageGroupPolicyCommand,
      GetModelPackageGroupPolicyCommand,
      GetSagemakerServicecatalogPortfolioStatusCommand,
      GetScalingConfigurationRecommendationCommand,
      GetSearchSuggestionsCommand,
      ImportHubContentCommand,
      ListActionsCommand,
      ListAIBenchmarkJobsCommand,
      ListAIRecommendationJobsCommand,
      ListAIWorkloadConfigsCommand,
      ListAlgorithmsCommand,
      ListAliasesCommand,
      ListAppImageConfigsCommand,
      ListAppsCommand,
      ListArtifactsCommand,
      ListAssociationsCommand,
      ListAutoMLJobsCommand,
      ListCandidatesForAutoMLJobCommand,
      ListClusterEventsCommand,
      ListClusterNodesCommand,
      ListClustersCommand,
      ListClusterSchedulerConfigsCommand,
      ListCodeRepositoriesCommand,
      ListCompilationJobsCommand,
      ListComputeQuotasCommand,
      ListContextsCommand,
      ListDataQualityJobDefinitionsCommand,
      ListDeviceFleetsCommand,
      ListDevicesCommand,
      ListDomainsCommand,
      ListEdgeDeploymentPlansCommand,
      ListEdgePackagingJobsCommand,
      ListEndpointConfigsCommand,
      ListEndpointsCommand,
      ListExperimentsCommand,
      ListFeatureGroupsCommand,
      ListFlowDefinitionsCommand,
      ListHubContentsCommand,
      ListHubContentVersionsCommand,
      ListHubsCommand,
      ListHumanTaskUisCommand,
      ListHyperParameterTuningJobsCommand,
      ListImagesCommand,
      ListImageVersionsCommand,
      ListInferenceComponentsCommand,
      ListInferenceExperimentsCommand,
      ListInferenceRecommendationsJobsCommand,
      ListInferenceRecommendationsJobStepsCommand,
      ListJobsCommand,
      ListJobSchemaVersionsCommand,
      ListLabelingJobsCommand,
      ListLabelingJobsForWorkteamCommand,
      ListLineageGroupsCommand,
      ListMlflowAppsCommand,
      ListMlflowTrackingServersCommand,
      ListModelBiasJobDefinitionsCommand,
      ListModelCardExportJobsCommand,
      ListModelCardsCommand,
      ListModelCardVersionsCommand,
      ListModelExplainabilityJobDefinitionsCommand,
      ListModelMetadataCommand,
      ListModelPackageGroupsCommand,
      ListModelPackagesCommand,
      ListModelQualityJobDefinitionsCommand,
      ListModelsCommand,
      ListMonitoringAlertHistoryCommand,
      ListMonitoringAlertsCommand,
      ListMonitoringExecutionsCommand,
      ListMonitoringSchedulesCommand,
      ListNotebookInstanceLifecycleConfigsCommand,
      ListNotebookInstancesCommand,
      ListOptimizationJobsCommand,
      ListPartnerAppsCommand,
      ListPipelineExecutionsCommand,
      ListPipelineExecutionStepsCommand,
      ListPipelineParametersForExecutionCommand,
      ListPipelinesCommand,
      ListPipelineVersionsCommand,
      ListProcessingJobsCommand,
      ListProjectsCommand,
      ListResourceCatalogsCommand,
      ListSpacesCommand,
      ListStageDevicesCommand,
      ListStudioLifecycleConfigsCommand,
      ListSubscribedWorkteamsCommand,
      ListTagsCommand,
      ListTrainingJobsCommand,
      ListTrainingJobsForHyperParameterTuningJobCommand,
      ListTrainingPlansCommand,
      ListTransformJobsCommand,
      ListTrialComponentsCommand,
      ListTrialsCommand,
      ListUltraServersByReservedCapacityCommand,
      ListUserProfilesCommand,
      ListWorkforcesCommand,
      ListWorkteamsCommand,
      PutModelPackageGroupPolicyCommand,
      QueryLineageCommand,
      RegisterDevicesCommand,
      RenderUiTemplateCommand,
      RetryPipelineExecutionCommand,
      SearchCommand,
      SearchTrainingPlanOfferingsCommand,
      SendPipelineExecutionStepFailureCommand,
      SendPipelineExecutionStepSuccessCommand,
      StartClusterHealthCheckCommand,
      StartEdgeDeploymentStageCommand,
      StartInferenceExperimentCommand,
      StartMlflowTrackingServerCommand,
      StartMonitoringScheduleCommand,
      StartNotebookInstanceCommand,
      StartPipelineExecutionCommand,
      StartSessionCommand,
      StopAIBenchmarkJobCommand,
      StopAIRecommendationJobCommand,
      StopAutoMLJobCommand,
      StopCompilationJobCommand,
      StopEdgeDeploymentStageCommand,
      StopEdgePackagingJobCommand,
      StopHyperParameterTuningJobCommand,
      StopInferenceExperimentCommand,
      StopInferenceRecommendationsJobCommand,
      StopJobCommand,
      StopLabelingJobCommand,
      StopMlflowTrackingServerCommand,
      StopMonitoringScheduleCommand,
      StopNotebookInstanceCommand,
      StopOptimizationJobCommand,
      StopPipelineExecutionCommand,
      StopProcessingJobCommand,
      StopTrainingJobCommand,
      StopTransformJobCommand,
      UpdateActionCommand,
      UpdateAppImageConfigCommand,
      UpdateArtifactCommand,
      UpdateClusterCommand,
      UpdateClusterSchedulerConfigCommand,
      UpdateClusterSoftwareCommand,
      UpdateCodeRepositoryCommand,
      UpdateComputeQuotaCommand,
      UpdateContextCommand,
      UpdateDeviceFleetCommand,
      UpdateDevicesCommand,
      UpdateDomainCommand,
      UpdateEndpointCommand,
      UpdateEndpointWeightsAndCapacitiesCommand: UpdateEndpointWeightsAndCapacitiesCommand2,
      UpdateExperimentCommand,
      UpdateFeatureGroupCommand,
      UpdateFeatureMetadataCommand,
      UpdateHubCommand,
      UpdateHubContentCommand,
      UpdateHubContentReferenceCommand,
      UpdateImageCommand,
      UpdateImageVersionCommand,
      UpdateInferenceComponentCommand,
      UpdateInferenceComponentRuntimeConfigCommand,
      UpdateInferenceExperimentCommand,
      UpdateMlflowAppCommand,
      UpdateMlflowTrackingServerCommand,
      UpdateModelCardCommand,
      UpdateModelPackageCommand,
      UpdateMonitoringAlertCommand,
      UpdateMonitoringScheduleCommand,
      UpdateNotebookInstanceCommand,
      UpdateNotebookInstanceLifecycleConfigCommand,
      UpdatePartnerAppCommand,
      UpdatePipelineCommand,
      UpdatePipelineExecutionCommand,
      UpdatePipelineVersionCommand,
      UpdateProjectCommand,
      UpdateSpaceCommand,
      UpdateTrainingJobCommand,
      UpdateTrialCommand,
      UpdateTrialComponentCommand,
      UpdateUserProfileCommand,
      UpdateWorkforceCommand,
      UpdateWorkteamCommand
    };
    var paginators = {
      paginateCreateHubContentPresignedUrls,
      paginateDescribeTrainingPlanExtensionHistory,
      paginateListActions,
      paginateListAIBenchmarkJobs,
      paginateListAIRecommendationJobs,
      paginateListAIWorkloadConfigs,
      paginateListAlgorithms,
      paginateListAliases,
      paginateListAppImageConfigs,
      paginateListApps,
      paginateListArtifacts,
      paginateListAssociations,
      paginateListAutoMLJobs,
      paginateListCandidatesForAutoMLJob,
      paginateListClusterEvents,
      paginateListClusterNodes,
      paginateListClusters,
      paginateListClusterSchedulerConfigs,
      paginateListCodeRepositories,
      paginateListCompilationJobs,
      paginateListComputeQuotas,
      paginateListContexts,
      paginateListDataQualityJobDefinitions,
      paginateListDeviceFleets,
      paginateListDevices,
      paginateListDomains,
      paginateListEdgeDeploymentPlans,
      paginateListEdgePackagingJobs,
      paginateListEndpointConfigs,
      paginateListEndpoints,
      paginateListExperiments,
      paginateListFeatureGroups,
      paginateListFlowDefinitions,
      paginateListHumanTaskUis,
      paginateListHyperParameterTuningJobs,
      paginateListImages,
      paginateListImageVersions,
      paginateListInferenceComponents,
      paginateListInferenceExperiments,
      paginateListInferenceRecommendationsJobs,
      paginateListInferenceRecommendationsJobSteps,
      paginateListJobs,
      paginateListJobSchemaVersions,
      paginateListLabelingJobs,
      paginateListLabelingJobsForWorkteam,
      paginateListLineageGroups,
      paginateListMlflowApps,
      paginateListMlflowTrackingServers,
      paginateListModelBiasJobDefinitions,
      paginateListModelCardExportJobs,
      paginateListModelCards,
      paginateListModelCardVersions,
      paginateListModelExplainabilityJobDefinitions,
      paginateListModelMetadata,
      paginateListModelPackageGroups,
      paginateListModelPackages,
      paginateListModelQualityJobDefinitions,
      paginateListModels,
      paginateListMonitoringAlertHistory,
      paginateListMonitoringAlerts,
      paginateListMonitoringExecutions,
      paginateListMonitoringSchedules,
      paginateListNotebookInstanceLifecycleConfigs,
      paginateListNotebookInstances,
      paginateListOptimizationJobs,
      paginateListPartnerApps,
      paginateListPipelineExecutions,
      paginateListPipelineExecutionSteps,
      paginateListPipelineParametersForExecution,
      paginateListPipelines,
      paginateListPipelineVersions,
      paginateListProcessingJobs,
      paginateListProjects,
      paginateListResourceCatalogs,
      paginateListSpaces,
      paginateListStageDevices,
      paginateListStudioLifecycleConfigs,
      paginateListSubscribedWorkteams,
      paginateListTags,
      paginateListTrainingJobs,
      paginateListTrainingJobsForHyperParameterTuningJob,
      paginateListTrainingPlans,
      paginateListTransformJobs,
      paginateListTrialComponents,
      paginateListTrials,
      paginateListUltraServersByReservedCapacity,
      paginateListUserProfiles,
      paginateListWorkforces,
      paginateListWorkteams,
      paginateQueryLineage,
      paginateSearch
    };
    var waiters = {
      waitUntilEndpointDeleted,
      waitUntilEndpointInService,
      waitUntilImageCreated,
      waitUntilImageDeleted,
      waitUntilImageUpdated,
      waitUntilImageVersionCreated,
      waitUntilImageVersionDeleted,
      waitUntilNotebookInstanceDeleted,
      waitUntilNotebookInstanceInService,
      waitUntilNotebookInstanceStopped,
      waitUntilProcessingJobCompletedOrStopped,
      waitUntilTrainingJobCompletedOrStopped,
      waitUntilTransformJobCompletedOrStopped
    };
    var SageMaker = class extends SageMakerClient2 {
    };
    createAggregatedClient(commands, SageMaker, { paginators, waiters });
    var MIGProfileType = {
      MIG_1G_10GB: "mig-1g.10gb",
      MIG_1G_18GB: "mig-1g.18gb",
      MIG_1G_20GB: "mig-1g.20gb",
      MIG_1G_23GB: "mig-1g.23gb",
      MIG_1G_35GB: "mig-1g.35gb",
      MIG_1G_45GB: "mig-1g.45gb",
      MIG_1G_47GB: "mig-1g.47gb",
      MIG_1G_5GB: "mig-1g.5gb",
      MIG_2G_10GB: "mig-2g.10gb",
      MIG_2G_20GB: "mig-2g.20gb",
      MIG_2G_35GB: "mig-2g.35gb",
      MIG_2G_45GB: "mig-2g.45gb",
      MIG_2G_47GB: "mig-2g.47gb",
      MIG_3G_20GB: "mig-3g.20gb",
      MIG_3G_40GB: "mig-3g.40gb",
      MIG_3G_71GB: "mig-3g.71gb",
      MIG_3G_90GB: "mig-3g.90gb",
      MIG_3G_93GB: "mig-3g.93gb",
      MIG_4G_20GB: "mig-4g.20gb",
      MIG_4G_40GB: "mig-4g.40gb",
      MIG_4G_71GB: "mig-4g.71gb",
      MIG_4G_90GB: "mig-4g.90gb",
      MIG_4G_93GB: "mig-4g.93gb",
      MIG_7G_141GB: "mig-7g.141gb",
      MIG_7G_180GB: "mig-7g.180gb",
      MIG_7G_186GB: "mig-7g.186gb",
      MIG_7G_40GB: "mig-7g.40gb",
      MIG_7G_80GB: "mig-7g.80gb"
    };
    var ClusterInstanceType = {
      ML_C5N_18XLARGE: "ml.c5n.18xlarge",
      ML_C5N_2XLARGE: "ml.c5n.2xlarge",
      ML_C5N_4XLARGE: "ml.c5n.4xlarge",
      ML_C5N_9XLARGE: "ml.c5n.9xlarge",
      ML_C5N_LARGE: "ml.c5n.large",
      ML_C5_12XLARGE: "ml.c5.12xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_24XLARGE: "ml.c5.24xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_LARGE: "ml.c5.large",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6A_12XLARGE: "ml.c6a.12xlarge",
      ML_C6A_16XLARGE: "ml.c6a.16xlarge",
      ML_C6A_24XLARGE: "ml.c6a.24xlarge",
      ML_C6A_2XLARGE: "ml.c6a.2xlarge",
      ML_C6A_32XLARGE: "ml.c6a.32xlarge",
      ML_C6A_48XLARGE: "ml.c6a.48xlarge",
      ML_C6A_4XLARGE: "ml.c6a.4xlarge",
      ML_C6A_8XLARGE: "ml.c6a.8xlarge",
      ML_C6A_LARGE: "ml.c6a.large",
      ML_C6A_XLARGE: "ml.c6a.xlarge",
      ML_C6G_12XLARGE: "ml.c6g.12xlarge",
      ML_C6G_16XLARGE: "ml.c6g.16xlarge",
      ML_C6G_2XLARGE: "ml.c6g.2xlarge",
      ML_C6G_4XLARGE: "ml.c6g.4xlarge",
      ML_C6G_8XLARGE: "ml.c6g.8xlarge",
      ML_C6G_LARGE: "ml.c6g.large",
      ML_C6G_MEDIUM: "ml.c6g.medium",
      ML_C6G_XLARGE: "ml.c6g.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_LARGE: "ml.c6i.large",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7G_12XLARGE: "ml.c7g.12xlarge",
      ML_C7G_16XLARGE: "ml.c7g.16xlarge",
      ML_C7G_2XLARGE: "ml.c7g.2xlarge",
      ML_C7G_4XLARGE: "ml.c7g.4xlarge",
      ML_C7G_8XLARGE: "ml.c7g.8xlarge",
      ML_C7G_LARGE: "ml.c7g.large",
      ML_C7G_MEDIUM: "ml.c7g.medium",
      ML_C7G_XLARGE: "ml.c7g.xlarge",
      ML_C8G_12XLARGE: "ml.c8g.12xlarge",
      ML_C8G_16XLARGE: "ml.c8g.16xlarge",
      ML_C8G_24XLARGE: "ml.c8g.24xlarge",
      ML_C8G_2XLARGE: "ml.c8g.2xlarge",
      ML_C8G_48XLARGE: "ml.c8g.48xlarge",
      ML_C8G_4XLARGE: "ml.c8g.4xlarge",
      ML_C8G_8XLARGE: "ml.c8g.8xlarge",
      ML_C8G_LARGE: "ml.c8g.large",
      ML_C8G_MEDIUM: "ml.c8g.medium",
      ML_C8G_XLARGE: "ml.c8g.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_GR6_4XLARGE: "ml.gr6.4xlarge",
      ML_GR6_8XLARGE: "ml.gr6.8xlarge",
      ML_I3EN_12XLARGE: "ml.i3en.12xlarge",
      ML_I3EN_24XLARGE: "ml.i3en.24xlarge",
      ML_I3EN_2XLARGE: "ml.i3en.2xlarge",
      ML_I3EN_3XLARGE: "ml.i3en.3xlarge",
      ML_I3EN_6XLARGE: "ml.i3en.6xlarge",
      ML_I3EN_LARGE: "ml.i3en.large",
      ML_I3EN_XLARGE: "ml.i3en.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_16XLARGE: "ml.m5.16xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_8XLARGE: "ml.m5.8xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6A_12XLARGE: "ml.m6a.12xlarge",
      ML_M6A_16XLARGE: "ml.m6a.16xlarge",
      ML_M6A_24XLARGE: "ml.m6a.24xlarge",
      ML_M6A_2XLARGE: "ml.m6a.2xlarge",
      ML_M6A_32XLARGE: "ml.m6a.32xlarge",
      ML_M6A_48XLARGE: "ml.m6a.48xlarge",
      ML_M6A_4XLARGE: "ml.m6a.4xlarge",
      ML_M6A_8XLARGE: "ml.m6a.8xlarge",
      ML_M6A_LARGE: "ml.m6a.large",
      ML_M6A_XLARGE: "ml.m6a.xlarge",
      ML_M6G_12XLARGE: "ml.m6g.12xlarge",
      ML_M6G_16XLARGE: "ml.m6g.16xlarge",
      ML_M6G_2XLARGE: "ml.m6g.2xlarge",
      ML_M6G_4XLARGE: "ml.m6g.4xlarge",
      ML_M6G_8XLARGE: "ml.m6g.8xlarge",
      ML_M6G_LARGE: "ml.m6g.large",
      ML_M6G_MEDIUM: "ml.m6g.medium",
      ML_M6G_XLARGE: "ml.m6g.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7G_12XLARGE: "ml.m7g.12xlarge",
      ML_M7G_16XLARGE: "ml.m7g.16xlarge",
      ML_M7G_2XLARGE: "ml.m7g.2xlarge",
      ML_M7G_4XLARGE: "ml.m7g.4xlarge",
      ML_M7G_8XLARGE: "ml.m7g.8xlarge",
      ML_M7G_LARGE: "ml.m7g.large",
      ML_M7G_MEDIUM: "ml.m7g.medium",
      ML_M7G_XLARGE: "ml.m7g.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_M8G_12XLARGE: "ml.m8g.12xlarge",
      ML_M8G_16XLARGE: "ml.m8g.16xlarge",
      ML_M8G_24XLARGE: "ml.m8g.24xlarge",
      ML_M8G_2XLARGE: "ml.m8g.2xlarge",
      ML_M8G_48XLARGE: "ml.m8g.48xlarge",
      ML_M8G_4XLARGE: "ml.m8g.4xlarge",
      ML_M8G_8XLARGE: "ml.m8g.8xlarge",
      ML_M8G_LARGE: "ml.m8g.large",
      ML_M8G_MEDIUM: "ml.m8g.medium",
      ML_M8G_XLARGE: "ml.m8g.xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6E_GB200_36XLARGE: "ml.p6e-gb200.36xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_P6_B300_48XLARGE: "ml.p6-b300.48xlarge",
      ML_R5D_16XLARGE: "ml.r5d.16xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_T3_2XLARGE: "ml.t3.2xlarge",
      ML_T3_LARGE: "ml.t3.large",
      ML_T3_MEDIUM: "ml.t3.medium",
      ML_T3_XLARGE: "ml.t3.xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge",
      ML_TRN2_3XLARGE: "ml.trn2.3xlarge",
      ML_TRN2_48XLARGE: "ml.trn2.48xlarge"
    };
    var AccountDefaultStatus = {
      DISABLED: "DISABLED",
      ENABLED: "ENABLED"
    };
    var ActionStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      UNKNOWN: "Unknown"
    };
    var ActivationState = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var ActiveClusterOperationName = {
      SCALING: "Scaling"
    };
    var AssociationEdgeType = {
      ASSOCIATED_WITH: "AssociatedWith",
      CONTRIBUTED_TO: "ContributedTo",
      DERIVED_FROM: "DerivedFrom",
      PRODUCED: "Produced",
      SAME_AS: "SameAs"
    };
    var ModelCompressionType = {
      Gzip: "Gzip",
      None: "None"
    };
    var S3ModelDataType = {
      S3Object: "S3Object",
      S3Prefix: "S3Prefix"
    };
    var CompressionType = {
      GZIP: "Gzip",
      NONE: "None"
    };
    var AdditionalS3DataSourceDataType = {
      S3OBJECT: "S3Object",
      S3PREFIX: "S3Prefix"
    };
    var ProductionVariantInstanceType = {
      ML_C4_2XLARGE: "ml.c4.2xlarge",
      ML_C4_4XLARGE: "ml.c4.4xlarge",
      ML_C4_8XLARGE: "ml.c4.8xlarge",
      ML_C4_LARGE: "ml.c4.large",
      ML_C4_XLARGE: "ml.c4.xlarge",
      ML_C5D_18XLARGE: "ml.c5d.18xlarge",
      ML_C5D_2XLARGE: "ml.c5d.2xlarge",
      ML_C5D_4XLARGE: "ml.c5d.4xlarge",
      ML_C5D_9XLARGE: "ml.c5d.9xlarge",
      ML_C5D_LARGE: "ml.c5d.large",
      ML_C5D_XLARGE: "ml.c5d.xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_LARGE: "ml.c5.large",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6GD_12XLARGE: "ml.c6gd.12xlarge",
      ML_C6GD_16XLARGE: "ml.c6gd.16xlarge",
      ML_C6GD_2XLARGE: "ml.c6gd.2xlarge",
      ML_C6GD_4XLARGE: "ml.c6gd.4xlarge",
      ML_C6GD_8XLARGE: "ml.c6gd.8xlarge",
      ML_C6GD_LARGE: "ml.c6gd.large",
      ML_C6GD_XLARGE: "ml.c6gd.xlarge",
      ML_C6GN_12XLARGE: "ml.c6gn.12xlarge",
      ML_C6GN_16XLARGE: "ml.c6gn.16xlarge",
      ML_C6GN_2XLARGE: "ml.c6gn.2xlarge",
      ML_C6GN_4XLARGE: "ml.c6gn.4xlarge",
      ML_C6GN_8XLARGE: "ml.c6gn.8xlarge",
      ML_C6GN_LARGE: "ml.c6gn.large",
      ML_C6GN_XLARGE: "ml.c6gn.xlarge",
      ML_C6G_12XLARGE: "ml.c6g.12xlarge",
      ML_C6G_16XLARGE: "ml.c6g.16xlarge",
      ML_C6G_2XLARGE: "ml.c6g.2xlarge",
      ML_C6G_4XLARGE: "ml.c6g.4xlarge",
      ML_C6G_8XLARGE: "ml.c6g.8xlarge",
      ML_C6G_LARGE: "ml.c6g.large",
      ML_C6G_XLARGE: "ml.c6g.xlarge",
      ML_C6IN_12XLARGE: "ml.c6in.12xlarge",
      ML_C6IN_16XLARGE: "ml.c6in.16xlarge",
      ML_C6IN_24XLARGE: "ml.c6in.24xlarge",
      ML_C6IN_2XLARGE: "ml.c6in.2xlarge",
      ML_C6IN_32XLARGE: "ml.c6in.32xlarge",
      ML_C6IN_4XLARGE: "ml.c6in.4xlarge",
      ML_C6IN_8XLARGE: "ml.c6in.8xlarge",
      ML_C6IN_LARGE: "ml.c6in.large",
      ML_C6IN_XLARGE: "ml.c6in.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_LARGE: "ml.c6i.large",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7G_12XLARGE: "ml.c7g.12xlarge",
      ML_C7G_16XLARGE: "ml.c7g.16xlarge",
      ML_C7G_2XLARGE: "ml.c7g.2xlarge",
      ML_C7G_4XLARGE: "ml.c7g.4xlarge",
      ML_C7G_8XLARGE: "ml.c7g.8xlarge",
      ML_C7G_LARGE: "ml.c7g.large",
      ML_C7G_XLARGE: "ml.c7g.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_C8G_12XLARGE: "ml.c8g.12xlarge",
      ML_C8G_16XLARGE: "ml.c8g.16xlarge",
      ML_C8G_24XLARGE: "ml.c8g.24xlarge",
      ML_C8G_2XLARGE: "ml.c8g.2xlarge",
      ML_C8G_48XLARGE: "ml.c8g.48xlarge",
      ML_C8G_4XLARGE: "ml.c8g.4xlarge",
      ML_C8G_8XLARGE: "ml.c8g.8xlarge",
      ML_C8G_LARGE: "ml.c8g.large",
      ML_C8G_MEDIUM: "ml.c8g.medium",
      ML_C8G_XLARGE: "ml.c8g.xlarge",
      ML_DL1_24XLARGE: "ml.dl1.24xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_INF1_24XLARGE: "ml.inf1.24xlarge",
      ML_INF1_2XLARGE: "ml.inf1.2xlarge",
      ML_INF1_6XLARGE: "ml.inf1.6xlarge",
      ML_INF1_XLARGE: "ml.inf1.xlarge",
      ML_INF2_24XLARGE: "ml.inf2.24xlarge",
      ML_INF2_48XLARGE: "ml.inf2.48xlarge",
      ML_INF2_8XLARGE: "ml.inf2.8xlarge",
      ML_INF2_XLARGE: "ml.inf2.xlarge",
      ML_M4_10XLARGE: "ml.m4.10xlarge",
      ML_M4_16XLARGE: "ml.m4.16xlarge",
      ML_M4_2XLARGE: "ml.m4.2xlarge",
      ML_M4_4XLARGE: "ml.m4.4xlarge",
      ML_M4_XLARGE: "ml.m4.xlarge",
      ML_M5D_12XLARGE: "ml.m5d.12xlarge",
      ML_M5D_24XLARGE: "ml.m5d.24xlarge",
      ML_M5D_2XLARGE: "ml.m5d.2xlarge",
      ML_M5D_4XLARGE: "ml.m5d.4xlarge",
      ML_M5D_LARGE: "ml.m5d.large",
      ML_M5D_XLARGE: "ml.m5d.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6GD_12XLARGE: "ml.m6gd.12xlarge",
      ML_M6GD_16XLARGE: "ml.m6gd.16xlarge",
      ML_M6GD_2XLARGE: "ml.m6gd.2xlarge",
      ML_M6GD_4XLARGE: "ml.m6gd.4xlarge",
      ML_M6GD_8XLARGE: "ml.m6gd.8xlarge",
      ML_M6GD_LARGE: "ml.m6gd.large",
      ML_M6GD_XLARGE: "ml.m6gd.xlarge",
      ML_M6G_12XLARGE: "ml.m6g.12xlarge",
      ML_M6G_16XLARGE: "ml.m6g.16xlarge",
      ML_M6G_2XLARGE: "ml.m6g.2xlarge",
      ML_M6G_4XLARGE: "ml.m6g.4xlarge",
      ML_M6G_8XLARGE: "ml.m6g.8xlarge",
      ML_M6G_LARGE: "ml.m6g.large",
      ML_M6G_XLARGE: "ml.m6g.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_M8G_12XLARGE: "ml.m8g.12xlarge",
      ML_M8G_16XLARGE: "ml.m8g.16xlarge",
      ML_M8G_24XLARGE: "ml.m8g.24xlarge",
      ML_M8G_2XLARGE: "ml.m8g.2xlarge",
      ML_M8G_48XLARGE: "ml.m8g.48xlarge",
      ML_M8G_4XLARGE: "ml.m8g.4xlarge",
      ML_M8G_8XLARGE: "ml.m8g.8xlarge",
      ML_M8G_LARGE: "ml.m8g.large",
      ML_M8G_MEDIUM: "ml.m8g.medium",
      ML_M8G_XLARGE: "ml.m8g.xlarge",
      ML_P2_16XLARGE: "ml.p2.16xlarge",
      ML_P2_8XLARGE: "ml.p2.8xlarge",
      ML_P2_XLARGE: "ml.p2.xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6E_GB200_36XLARGE: "ml.p6e-gb200.36xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_P6_B300_48XLARGE: "ml.p6-b300.48xlarge",
      ML_R5D_12XLARGE: "ml.r5d.12xlarge",
      ML_R5D_24XLARGE: "ml.r5d.24xlarge",
      ML_R5D_2XLARGE: "ml.r5d.2xlarge",
      ML_R5D_4XLARGE: "ml.r5d.4xlarge",
      ML_R5D_LARGE: "ml.r5d.large",
      ML_R5D_XLARGE: "ml.r5d.xlarge",
      ML_R5_12XLARGE: "ml.r5.12xlarge",
      ML_R5_24XLARGE: "ml.r5.24xlarge",
      ML_R5_2XLARGE: "ml.r5.2xlarge",
      ML_R5_4XLARGE: "ml.r5.4xlarge",
      ML_R5_LARGE: "ml.r5.large",
      ML_R5_XLARGE: "ml.r5.xlarge",
      ML_R6GD_12XLARGE: "ml.r6gd.12xlarge",
      ML_R6GD_16XLARGE: "ml.r6gd.16xlarge",
      ML_R6GD_2XLARGE: "ml.r6gd.2xlarge",
      ML_R6GD_4XLARGE: "ml.r6gd.4xlarge",
      ML_R6GD_8XLARGE: "ml.r6gd.8xlarge",
      ML_R6GD_LARGE: "ml.r6gd.large",
      ML_R6GD_XLARGE: "ml.r6gd.xlarge",
      ML_R6G_12XLARGE: "ml.r6g.12xlarge",
      ML_R6G_16XLARGE: "ml.r6g.16xlarge",
      ML_R6G_2XLARGE: "ml.r6g.2xlarge",
      ML_R6G_4XLARGE: "ml.r6g.4xlarge",
      ML_R6G_8XLARGE: "ml.r6g.8xlarge",
      ML_R6G_LARGE: "ml.r6g.large",
      ML_R6G_XLARGE: "ml.r6g.xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7GD_12XLARGE: "ml.r7gd.12xlarge",
      ML_R7GD_16XLARGE: "ml.r7gd.16xlarge",
      ML_R7GD_2XLARGE: "ml.r7gd.2xlarge",
      ML_R7GD_4XLARGE: "ml.r7gd.4xlarge",
      ML_R7GD_8XLARGE: "ml.r7gd.8xlarge",
      ML_R7GD_LARGE: "ml.r7gd.large",
      ML_R7GD_MEDIUM: "ml.r7gd.medium",
      ML_R7GD_XLARGE: "ml.r7gd.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_R8G_12XLARGE: "ml.r8g.12xlarge",
      ML_R8G_16XLARGE: "ml.r8g.16xlarge",
      ML_R8G_24XLARGE: "ml.r8g.24xlarge",
      ML_R8G_2XLARGE: "ml.r8g.2xlarge",
      ML_R8G_48XLARGE: "ml.r8g.48xlarge",
      ML_R8G_4XLARGE: "ml.r8g.4xlarge",
      ML_R8G_8XLARGE: "ml.r8g.8xlarge",
      ML_R8G_LARGE: "ml.r8g.large",
      ML_R8G_MEDIUM: "ml.r8g.medium",
      ML_R8G_XLARGE: "ml.r8g.xlarge",
      ML_T2_2XLARGE: "ml.t2.2xlarge",
      ML_T2_LARGE: "ml.t2.large",
      ML_T2_MEDIUM: "ml.t2.medium",
      ML_T2_XLARGE: "ml.t2.xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge",
      ML_TRN2_48XLARGE: "ml.trn2.48xlarge"
    };
    var TransformInstanceType = {
      ML_C4_2XLARGE: "ml.c4.2xlarge",
      ML_C4_4XLARGE: "ml.c4.4xlarge",
      ML_C4_8XLARGE: "ml.c4.8xlarge",
      ML_C4_XLARGE: "ml.c4.xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_LARGE: "ml.c6i.large",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_INF2_24XLARGE: "ml.inf2.24xlarge",
      ML_INF2_48XLARGE: "ml.inf2.48xlarge",
      ML_INF2_8XLARGE: "ml.inf2.8xlarge",
      ML_INF2_XLARGE: "ml.inf2.xlarge",
      ML_M4_10XLARGE: "ml.m4.10xlarge",
      ML_M4_16XLARGE: "ml.m4.16xlarge",
      ML_M4_2XLARGE: "ml.m4.2xlarge",
      ML_M4_4XLARGE: "ml.m4.4xlarge",
      ML_M4_XLARGE: "ml.m4.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_P2_16XLARGE: "ml.p2.16xlarge",
      ML_P2_8XLARGE: "ml.p2.8xlarge",
      ML_P2_XLARGE: "ml.p2.xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge"
    };
    var AggregationTransformationValue = {
      Avg: "avg",
      First: "first",
      Max: "max",
      Min: "min",
      Sum: "sum"
    };
    var AIBenchmarkJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var AICapacityReservationPreference = {
      CAPACITY_RESERVATIONS_ONLY: "capacity-reservations-only"
    };
    var AIRecommendationInstanceType = {
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge"
    };
    var AIRecommendationOptimizationType = {
      KERNEL_TUNING: "KernelTuning",
      SPECULATIVE_DECODING: "SpeculativeDecoding"
    };
    var AIRecommendationMetric = {
      COST: "cost",
      THROUGHPUT: "throughput",
      TTFT_MS: "ttft-ms"
    };
    var AIRecommendationInferenceFramework = {
      LMI: "LMI",
      VLLM: "VLLM"
    };
    var AIRecommendationJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var AlgorithmSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var TrainingRepositoryAccessMode = {
      PLATFORM: "Platform",
      VPC: "Vpc"
    };
    var TrainingInputMode = {
      FASTFILE: "FastFile",
      FILE: "File",
      PIPE: "Pipe"
    };
    var AlgorithmStatus = {
      COMPLETED: "Completed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      PENDING: "Pending"
    };
    var DetailedAlgorithmStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      NOT_STARTED: "NotStarted"
    };
    var FileSystemAccessMode = {
      RO: "ro",
      RW: "rw"
    };
    var FileSystemType = {
      EFS: "EFS",
      FSXLUSTRE: "FSxLustre"
    };
    var S3DataDistribution = {
      FULLY_REPLICATED: "FullyReplicated",
      SHARDED_BY_S3_KEY: "ShardedByS3Key"
    };
    var S3DataType = {
      AUGMENTED_MANIFEST_FILE: "AugmentedManifestFile",
      CONVERSE: "Converse",
      MANIFEST_FILE: "ManifestFile",
      S3_PREFIX: "S3Prefix"
    };
    var RecordWrapper = {
      NONE: "None",
      RECORDIO: "RecordIO"
    };
    var OutputCompressionType = {
      GZIP: "GZIP",
      NONE: "NONE"
    };
    var TrainingInstanceType = {
      ML_C4_2XLARGE: "ml.c4.2xlarge",
      ML_C4_4XLARGE: "ml.c4.4xlarge",
      ML_C4_8XLARGE: "ml.c4.8xlarge",
      ML_C4_XLARGE: "ml.c4.xlarge",
      ML_C5N_18XLARGE: "ml.c5n.18xlarge",
      ML_C5N_2XLARGE: "ml.c5n.2xlarge",
      ML_C5N_4XLARGE: "ml.c5n.4xlarge",
      ML_C5N_9XLARGE: "ml.c5n.9xlarge",
      ML_C5N_XLARGE: "ml.c5n.xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_C8I_12XLARGE: "ml.c8i.12xlarge",
      ML_C8I_16XLARGE: "ml.c8i.16xlarge",
      ML_C8I_24XLARGE: "ml.c8i.24xlarge",
      ML_C8I_2XLARGE: "ml.c8i.2xlarge",
      ML_C8I_32XLARGE: "ml.c8i.32xlarge",
      ML_C8I_48XLARGE: "ml.c8i.48xlarge",
      ML_C8I_4XLARGE: "ml.c8i.4xlarge",
      ML_C8I_8XLARGE: "ml.c8i.8xlarge",
      ML_C8I_96XLARGE: "ml.c8i.96xlarge",
      ML_C8I_XLARGE: "ml.c8i.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_M4_10XLARGE: "ml.m4.10xlarge",
      ML_M4_16XLARGE: "ml.m4.16xlarge",
      ML_M4_2XLARGE: "ml.m4.2xlarge",
      ML_M4_4XLARGE: "ml.m4.4xlarge",
      ML_M4_XLARGE: "ml.m4.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_M8I_12XLARGE: "ml.m8i.12xlarge",
      ML_M8I_16XLARGE: "ml.m8i.16xlarge",
      ML_M8I_24XLARGE: "ml.m8i.24xlarge",
      ML_M8I_2XLARGE: "ml.m8i.2xlarge",
      ML_M8I_32XLARGE: "ml.m8i.32xlarge",
      ML_M8I_48XLARGE: "ml.m8i.48xlarge",
      ML_M8I_4XLARGE: "ml.m8i.4xlarge",
      ML_M8I_8XLARGE: "ml.m8i.8xlarge",
      ML_M8I_96XLARGE: "ml.m8i.96xlarge",
      ML_M8I_LARGE: "ml.m8i.large",
      ML_M8I_XLARGE: "ml.m8i.xlarge",
      ML_P2_16XLARGE: "ml.p2.16xlarge",
      ML_P2_8XLARGE: "ml.p2.8xlarge",
      ML_P2_XLARGE: "ml.p2.xlarge",
      ML_P3DN_24XLARGE: "ml.p3dn.24xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6E_GB200_36XLARGE: "ml.p6e-gb200.36xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_P6_B300_48XLARGE: "ml.p6-b300.48xlarge",
      ML_R5D_12XLARGE: "ml.r5d.12xlarge",
      ML_R5D_16XLARGE: "ml.r5d.16xlarge",
      ML_R5D_24XLARGE: "ml.r5d.24xlarge",
      ML_R5D_2XLARGE: "ml.r5d.2xlarge",
      ML_R5D_4XLARGE: "ml.r5d.4xlarge",
      ML_R5D_8XLARGE: "ml.r5d.8xlarge",
      ML_R5D_LARGE: "ml.r5d.large",
      ML_R5D_XLARGE: "ml.r5d.xlarge",
      ML_R5_12XLARGE: "ml.r5.12xlarge",
      ML_R5_16XLARGE: "ml.r5.16xlarge",
      ML_R5_24XLARGE: "ml.r5.24xlarge",
      ML_R5_2XLARGE: "ml.r5.2xlarge",
      ML_R5_4XLARGE: "ml.r5.4xlarge",
      ML_R5_8XLARGE: "ml.r5.8xlarge",
      ML_R5_LARGE: "ml.r5.large",
      ML_R5_XLARGE: "ml.r5.xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_R8I_12XLARGE: "ml.r8i.12xlarge",
      ML_R8I_16XLARGE: "ml.r8i.16xlarge",
      ML_R8I_24XLARGE: "ml.r8i.24xlarge",
      ML_R8I_2XLARGE: "ml.r8i.2xlarge",
      ML_R8I_32XLARGE: "ml.r8i.32xlarge",
      ML_R8I_48XLARGE: "ml.r8i.48xlarge",
      ML_R8I_4XLARGE: "ml.r8i.4xlarge",
      ML_R8I_8XLARGE: "ml.r8i.8xlarge",
      ML_R8I_96XLARGE: "ml.r8i.96xlarge",
      ML_R8I_LARGE: "ml.r8i.large",
      ML_R8I_XLARGE: "ml.r8i.xlarge",
      ML_T3_2XLARGE: "ml.t3.2xlarge",
      ML_T3_LARGE: "ml.t3.large",
      ML_T3_MEDIUM: "ml.t3.medium",
      ML_T3_XLARGE: "ml.t3.xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge",
      ML_TRN2_48XLARGE: "ml.trn2.48xlarge"
    };
    var BatchStrategy = {
      MULTI_RECORD: "MultiRecord",
      SINGLE_RECORD: "SingleRecord"
    };
    var SplitType = {
      LINE: "Line",
      NONE: "None",
      RECORDIO: "RecordIO",
      TFRECORD: "TFRecord"
    };
    var AssemblyType = {
      LINE: "Line",
      NONE: "None"
    };
    var FeatureStatus = {
      Disabled: "DISABLED",
      Enabled: "ENABLED"
    };
    var AppType = {
      Canvas: "Canvas",
      CodeEditor: "CodeEditor",
      DetailedProfiler: "DetailedProfiler",
      JupyterLab: "JupyterLab",
      JupyterServer: "JupyterServer",
      KernelGateway: "KernelGateway",
      RSessionGateway: "RSessionGateway",
      RStudioServerPro: "RStudioServerPro",
      TensorBoard: "TensorBoard"
    };
    var AppInstanceType = {
      ML_C5_12XLARGE: "ml.c5.12xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_24XLARGE: "ml.c5.24xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_LARGE: "ml.c5.large",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6ID_12XLARGE: "ml.c6id.12xlarge",
      ML_C6ID_16XLARGE: "ml.c6id.16xlarge",
      ML_C6ID_24XLARGE: "ml.c6id.24xlarge",
      ML_C6ID_2XLARGE: "ml.c6id.2xlarge",
      ML_C6ID_32XLARGE: "ml.c6id.32xlarge",
      ML_C6ID_4XLARGE: "ml.c6id.4xlarge",
      ML_C6ID_8XLARGE: "ml.c6id.8xlarge",
      ML_C6ID_LARGE: "ml.c6id.large",
      ML_C6ID_XLARGE: "ml.c6id.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_LARGE: "ml.c6i.large",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_GEOSPATIAL_INTERACTIVE: "ml.geospatial.interactive",
      ML_M5D_12XLARGE: "ml.m5d.12xlarge",
      ML_M5D_16XLARGE: "ml.m5d.16xlarge",
      ML_M5D_24XLARGE: "ml.m5d.24xlarge",
      ML_M5D_2XLARGE: "ml.m5d.2xlarge",
      ML_M5D_4XLARGE: "ml.m5d.4xlarge",
      ML_M5D_8XLARGE: "ml.m5d.8xlarge",
      ML_M5D_LARGE: "ml.m5d.large",
      ML_M5D_XLARGE: "ml.m5d.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_16XLARGE: "ml.m5.16xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_8XLARGE: "ml.m5.8xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6ID_12XLARGE: "ml.m6id.12xlarge",
      ML_M6ID_16XLARGE: "ml.m6id.16xlarge",
      ML_M6ID_24XLARGE: "ml.m6id.24xlarge",
      ML_M6ID_2XLARGE: "ml.m6id.2xlarge",
      ML_M6ID_32XLARGE: "ml.m6id.32xlarge",
      ML_M6ID_4XLARGE: "ml.m6id.4xlarge",
      ML_M6ID_8XLARGE: "ml.m6id.8xlarge",
      ML_M6ID_LARGE: "ml.m6id.large",
      ML_M6ID_XLARGE: "ml.m6id.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_P3DN_24XLARGE: "ml.p3dn.24xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_R5_12XLARGE: "ml.r5.12xlarge",
      ML_R5_16XLARGE: "ml.r5.16xlarge",
      ML_R5_24XLARGE: "ml.r5.24xlarge",
      ML_R5_2XLARGE: "ml.r5.2xlarge",
      ML_R5_4XLARGE: "ml.r5.4xlarge",
      ML_R5_8XLARGE: "ml.r5.8xlarge",
      ML_R5_LARGE: "ml.r5.large",
      ML_R5_XLARGE: "ml.r5.xlarge",
      ML_R6ID_12XLARGE: "ml.r6id.12xlarge",
      ML_R6ID_16XLARGE: "ml.r6id.16xlarge",
      ML_R6ID_24XLARGE: "ml.r6id.24xlarge",
      ML_R6ID_2XLARGE: "ml.r6id.2xlarge",
      ML_R6ID_32XLARGE: "ml.r6id.32xlarge",
      ML_R6ID_4XLARGE: "ml.r6id.4xlarge",
      ML_R6ID_8XLARGE: "ml.r6id.8xlarge",
      ML_R6ID_LARGE: "ml.r6id.large",
      ML_R6ID_XLARGE: "ml.r6id.xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_T3_2XLARGE: "ml.t3.2xlarge",
      ML_T3_LARGE: "ml.t3.large",
      ML_T3_MEDIUM: "ml.t3.medium",
      ML_T3_MICRO: "ml.t3.micro",
      ML_T3_SMALL: "ml.t3.small",
      ML_T3_XLARGE: "ml.t3.xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge",
      SYSTEM: "system"
    };
    var AppStatus = {
      Deleted: "Deleted",
      Deleting: "Deleting",
      Failed: "Failed",
      InService: "InService",
      Pending: "Pending"
    };
    var AppImageConfigSortKey = {
      CreationTime: "CreationTime",
      LastModifiedTime: "LastModifiedTime",
      Name: "Name"
    };
    var LifecycleManagement = {
      Disabled: "DISABLED",
      Enabled: "ENABLED"
    };
    var AppNetworkAccessType = {
      PublicInternetOnly: "PublicInternetOnly",
      VpcOnly: "VpcOnly"
    };
    var AppSecurityGroupManagement = {
      Customer: "Customer",
      Service: "Service"
    };
    var AppSortKey = {
      CreationTime: "CreationTime"
    };
    var ArtifactSourceIdType = {
      CUSTOM: "Custom",
      MD5_HASH: "MD5Hash",
      S3_ETAG: "S3ETag",
      S3_VERSION: "S3Version"
    };
    var AsyncNotificationTopicTypes = {
      ERROR_NOTIFICATION_TOPIC: "ERROR_NOTIFICATION_TOPIC",
      SUCCESS_NOTIFICATION_TOPIC: "SUCCESS_NOTIFICATION_TOPIC"
    };
    var AthenaResultCompressionType = {
      GZIP: "GZIP",
      SNAPPY: "SNAPPY",
      ZLIB: "ZLIB"
    };
    var AthenaResultFormat = {
      AVRO: "AVRO",
      JSON: "JSON",
      ORC: "ORC",
      PARQUET: "PARQUET",
      TEXTFILE: "TEXTFILE"
    };
    var VolumeAttachmentStatus = {
      ATTACHED: "attached",
      ATTACHING: "attaching",
      BUSY: "busy",
      DETACHED: "detached",
      DETACHING: "detaching"
    };
    var AuthMode = {
      IAM: "IAM",
      SSO: "SSO"
    };
    var AutoMLAlgorithm = {
      ARIMA: "arima",
      CATBOOST: "catboost",
      CNN_QR: "cnn-qr",
      DEEPAR: "deepar",
      ETS: "ets",
      EXTRA_TREES: "extra-trees",
      FASTAI: "fastai",
      LIGHTGBM: "lightgbm",
      LINEAR_LEARNER: "linear-learner",
      MLP: "mlp",
      NN_TORCH: "nn-torch",
      NPTS: "npts",
      PROPHET: "prophet",
      RANDOMFOREST: "randomforest",
      XGBOOST: "xgboost"
    };
    var AutoMLMetricEnum = {
      ACCURACY: "Accuracy",
      AUC: "AUC",
      AVERAGE_WEIGHTED_QUANTILE_LOSS: "AverageWeightedQuantileLoss",
      BALANCED_ACCURACY: "BalancedAccuracy",
      F1: "F1",
      F1_MACRO: "F1macro",
      MAE: "MAE",
      MAPE: "MAPE",
      MASE: "MASE",
      MSE: "MSE",
      PRECISION: "Precision",
      PRECISION_MACRO: "PrecisionMacro",
      R2: "R2",
      RECALL: "Recall",
      RECALL_MACRO: "RecallMacro",
      RMSE: "RMSE",
      WAPE: "WAPE"
    };
    var MetricSetSource = {
      TEST: "Test",
      TRAIN: "Train",
      VALIDATION: "Validation"
    };
    var AutoMLMetricExtendedEnum = {
      ACCURACY: "Accuracy",
      AUC: "AUC",
      AVERAGE_WEIGHTED_QUANTILE_LOSS: "AverageWeightedQuantileLoss",
      BALANCED_ACCURACY: "BalancedAccuracy",
      F1: "F1",
      F1_MACRO: "F1macro",
      INFERENCE_LATENCY: "InferenceLatency",
      LogLoss: "LogLoss",
      MAE: "MAE",
      MAPE: "MAPE",
      MASE: "MASE",
      MSE: "MSE",
      PERPLEXITY: "Perplexity",
      PRECISION: "Precision",
      PRECISION_MACRO: "PrecisionMacro",
      R2: "R2",
      RECALL: "Recall",
      RECALL_MACRO: "RecallMacro",
      RMSE: "RMSE",
      ROUGE1: "Rouge1",
      ROUGE2: "Rouge2",
      ROUGEL: "RougeL",
      ROUGEL_SUM: "RougeLSum",
      TRAINING_LOSS: "TrainingLoss",
      VALIDATION_LOSS: "ValidationLoss",
      WAPE: "WAPE"
    };
    var CandidateStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var CandidateStepType = {
      PROCESSING: "AWS::SageMaker::ProcessingJob",
      TRAINING: "AWS::SageMaker::TrainingJob",
      TRANSFORM: "AWS::SageMaker::TransformJob"
    };
    var AutoMLJobObjectiveType = {
      MAXIMIZE: "Maximize",
      MINIMIZE: "Minimize"
    };
    var AutoMLProcessingUnit = {
      CPU: "CPU",
      GPU: "GPU"
    };
    var ObjectiveStatus = {
      Failed: "Failed",
      Pending: "Pending",
      Succeeded: "Succeeded"
    };
    var AutoMLChannelType = {
      TRAINING: "training",
      VALIDATION: "validation"
    };
    var AutoMLS3DataType = {
      AUGMENTED_MANIFEST_FILE: "AugmentedManifestFile",
      MANIFEST_FILE: "ManifestFile",
      S3_PREFIX: "S3Prefix"
    };
    var AutoMLMode = {
      AUTO: "AUTO",
      ENSEMBLING: "ENSEMBLING",
      HYPERPARAMETER_TUNING: "HYPERPARAMETER_TUNING"
    };
    var AutoMLJobSecondaryStatus = {
      ANALYZING_DATA: "AnalyzingData",
      CANDIDATE_DEFINITIONS_GENERATED: "CandidateDefinitionsGenerated",
      COMPLETED: "Completed",
      DEPLOYING_MODEL: "DeployingModel",
      EXPLAINABILITY_ERROR: "ExplainabilityError",
      FAILED: "Failed",
      FEATURE_ENGINEERING: "FeatureEngineering",
      GENERATING_EXPLAINABILITY_REPORT: "GeneratingExplainabilityReport",
      GENERATING_MODEL_INSIGHTS_REPORT: "GeneratingModelInsightsReport",
      MAX_AUTO_ML_JOB_RUNTIME_REACHED: "MaxAutoMLJobRuntimeReached",
      MAX_CANDIDATES_REACHED: "MaxCandidatesReached",
      MODEL_DEPLOYMENT_ERROR: "ModelDeploymentError",
      MODEL_INSIGHTS_ERROR: "ModelInsightsError",
      MODEL_TUNING: "ModelTuning",
      PRE_TRAINING: "PreTraining",
      STARTING: "Starting",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      TRAINING_MODELS: "TrainingModels"
    };
    var AutoMLJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var ProblemType = {
      BINARY_CLASSIFICATION: "BinaryClassification",
      MULTICLASS_CLASSIFICATION: "MulticlassClassification",
      REGRESSION: "Regression"
    };
    var FillingType = {
      Backfill: "backfill",
      BackfillValue: "backfill_value",
      Frontfill: "frontfill",
      FrontfillValue: "frontfill_value",
      Futurefill: "futurefill",
      FuturefillValue: "futurefill_value",
      Middlefill: "middlefill",
      MiddlefillValue: "middlefill_value"
    };
    var AutoMLProblemTypeConfigName = {
      IMAGE_CLASSIFICATION: "ImageClassification",
      TABULAR: "Tabular",
      TEXT_CLASSIFICATION: "TextClassification",
      TEXT_GENERATION: "TextGeneration",
      TIMESERIES_FORECASTING: "TimeSeriesForecasting"
    };
    var AutoMLSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var AutoMLSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var AutoMountHomeEFS = {
      DEFAULT_AS_DOMAIN: "DefaultAsDomain",
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var AutotuneMode = {
      ENABLED: "Enabled"
    };
    var AvailabilityZoneBalanceEnforcementMode = {
      PERMISSIVE: "PERMISSIVE"
    };
    var AwsManagedHumanLoopRequestSource = {
      REKOGNITION_DETECT_MODERATION_LABELS_IMAGE_V3: "AWS/Rekognition/DetectModerationLabels/Image/V3",
      TEXTRACT_ANALYZE_DOCUMENT_FORMS_V1: "AWS/Textract/AnalyzeDocument/Forms/V1"
    };
    var BatchAddClusterNodesErrorCode = {
      INCOMPATIBLE_AVAILABILITY_ZONES: "IncompatibleAvailabilityZones",
      INCOMPATIBLE_INSTANCE_TYPES: "IncompatibleInstanceTypes",
      INSTANCE_GROUP_NOT_FOUND: "InstanceGroupNotFound",
      INVALID_INSTANCE_GROUP_STATUS: "InvalidInstanceGroupStatus"
    };
    var ClusterInstanceStatus = {
      DEEP_HEALTH_CHECK_IN_PROGRESS: "DeepHealthCheckInProgress",
      FAILURE: "Failure",
      NOT_FOUND: "NotFound",
      PENDING: "Pending",
      RUNNING: "Running",
      SHUTTING_DOWN: "ShuttingDown",
      SYSTEM_UPDATING: "SystemUpdating"
    };
    var BatchDeleteClusterNodesErrorCode = {
      INVALID_NODE_STATUS: "InvalidNodeStatus",
      NODE_ID_IN_USE: "NodeIdInUse",
      NODE_ID_NOT_FOUND: "NodeIdNotFound"
    };
    var ModelApprovalStatus = {
      APPROVED: "Approved",
      PENDING_MANUAL_APPROVAL: "PendingManualApproval",
      REJECTED: "Rejected"
    };
    var ModelPackageRegistrationType = {
      LOGGED: "Logged",
      REGISTERED: "Registered"
    };
    var ModelPackageStatus = {
      COMPLETED: "Completed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      PENDING: "Pending"
    };
    var BatchRebootClusterNodesErrorCode = {
      INSTANCE_ID_IN_USE: "InstanceIdInUse",
      INSTANCE_ID_NOT_FOUND: "InstanceIdNotFound",
      INTERNAL_SERVER_ERROR: "InternalServerError",
      INVALID_INSTANCE_STATUS: "InvalidInstanceStatus"
    };
    var BatchReplaceClusterNodesErrorCode = {
      INSTANCE_ID_IN_USE: "InstanceIdInUse",
      INSTANCE_ID_NOT_FOUND: "InstanceIdNotFound",
      INTERNAL_SERVER_ERROR: "InternalServerError",
      INVALID_INSTANCE_STATUS: "InvalidInstanceStatus"
    };
    var ProcessingS3DataDistributionType = {
      FULLYREPLICATED: "FullyReplicated",
      SHARDEDBYS3KEY: "ShardedByS3Key"
    };
    var ProcessingS3InputMode = {
      FILE: "File",
      PIPE: "Pipe"
    };
    var CapacitySizeType = {
      CAPACITY_PERCENT: "CAPACITY_PERCENT",
      INSTANCE_COUNT: "INSTANCE_COUNT"
    };
    var TrafficRoutingConfigType = {
      ALL_AT_ONCE: "ALL_AT_ONCE",
      CANARY: "CANARY",
      LINEAR: "LINEAR"
    };
    var BooleanOperator = {
      AND: "And",
      OR: "Or"
    };
    var CandidateSortBy = {
      CreationTime: "CreationTime",
      FinalObjectiveMetricValue: "FinalObjectiveMetricValue",
      Status: "Status"
    };
    var DataSourceName = {
      SalesforceGenie: "SalesforceGenie",
      Snowflake: "Snowflake"
    };
    var CapacityReservationType = {
      CRG: "CRG",
      ODCR: "ODCR"
    };
    var CapacityReservationPreference = {
      CAPACITY_RESERVATIONS_ONLY: "capacity-reservations-only"
    };
    var NodeUnavailabilityType = {
      CAPACITY_PERCENTAGE: "CAPACITY_PERCENTAGE",
      INSTANCE_COUNT: "INSTANCE_COUNT"
    };
    var CaptureMode = {
      INPUT: "Input",
      INPUT_AND_OUTPUT: "InputAndOutput",
      OUTPUT: "Output"
    };
    var CaptureStatus = {
      STARTED: "Started",
      STOPPED: "Stopped"
    };
    var ClarifyFeatureType = {
      CATEGORICAL: "categorical",
      NUMERICAL: "numerical",
      TEXT: "text"
    };
    var ClarifyTextGranularity = {
      PARAGRAPH: "paragraph",
      SENTENCE: "sentence",
      TOKEN: "token"
    };
    var ClarifyTextLanguage = {
      AFRIKAANS: "af",
      ALBANIAN: "sq",
      ARABIC: "ar",
      ARMENIAN: "hy",
      BASQUE: "eu",
      BENGALI: "bn",
      BULGARIAN: "bg",
      CATALAN: "ca",
      CHINESE: "zh",
      CROATIAN: "hr",
      CZECH: "cs",
      DANISH: "da",
      DUTCH: "nl",
      ENGLISH: "en",
      ESTONIAN: "et",
      FINNISH: "fi",
      FRENCH: "fr",
      GERMAN: "de",
      GREEK: "el",
      GUJARATI: "gu",
      HEBREW: "he",
      HINDI: "hi",
      HUNGARIAN: "hu",
      ICELANDIC: "is",
      INDONESIAN: "id",
      IRISH: "ga",
      ITALIAN: "it",
      KANNADA: "kn",
      KYRGYZ: "ky",
      LATVIAN: "lv",
      LIGURIAN: "lij",
      LITHUANIAN: "lt",
      LUXEMBOURGISH: "lb",
      MACEDONIAN: "mk",
      MALAYALAM: "ml",
      MARATHI: "mr",
      MULTI_LANGUAGE: "xx",
      NEPALI: "ne",
      NORWEGIAN_BOKMAL: "nb",
      PERSIAN: "fa",
      POLISH: "pl",
      PORTUGUESE: "pt",
      ROMANIAN: "ro",
      RUSSIAN: "ru",
      SANSKRIT: "sa",
      SERBIAN: "sr",
      SETSWANA: "tn",
      SINHALA: "si",
      SLOVAK: "sk",
      SLOVENIAN: "sl",
      SPANISH: "es",
      SWEDISH: "sv",
      TAGALOG: "tl",
      TAMIL: "ta",
      TATAR: "tt",
      TELUGU: "te",
      TURKISH: "tr",
      UKRAINIAN: "uk",
      URDU: "ur",
      YORUBA: "yo"
    };
    var ClusterPatchingStrategy = {
      WHEN_ALL_IDLE: "WhenAllIdle",
      WHEN_IDLE: "WhenIdle"
    };
    var ClusterAutoScalerType = {
      KARPENTER: "Karpenter"
    };
    var ClusterAutoScalingMode = {
      DISABLE: "Disable",
      ENABLE: "Enable"
    };
    var ClusterAutoScalingStatus = {
      CREATING: "Creating",
      DELETING: "Deleting",
      FAILED: "Failed",
      INSERVICE: "InService"
    };
    var ClusterCapacityType = {
      ON_DEMAND: "OnDemand",
      SPOT: "Spot"
    };
    var ClusterConfigMode = {
      DISABLE: "Disable",
      ENABLE: "Enable"
    };
    var ClusterEventLevel = {
      ERROR: "Error",
      INFO: "Info",
      WARN: "Warn"
    };
    var ClusterEventResourceType = {
      CLUSTER: "Cluster",
      INSTANCE: "Instance",
      INSTANCE_GROUP: "InstanceGroup"
    };
    var ClusterFSxLustreDeletionPolicy = {
      DELETE_IF_NOT_USED: "DeleteIfNotUsed",
      KEEP: "Keep"
    };
    var ClusterImageVersionStatus = {
      END_OF_LIFE: "EndOfLife",
      SECURITY_UPDATE_REQUIRED: "SecurityUpdateRequired",
      UPDATE_AVAILABLE: "UpdateAvailable",
      UP_TO_DATE: "UpToDate"
    };
    var ClusterKubernetesTaintEffect = {
      NO_EXECUTE: "NoExecute",
      NO_SCHEDULE: "NoSchedule",
      PREFER_NO_SCHEDULE: "PreferNoSchedule"
    };
    var ClusterInterfaceType = {
      EFA: "efa",
      EFA_ONLY: "efa-only"
    };
    var DeepHealthCheckType = {
      INSTANCE_CONNECTIVITY: "InstanceConnectivity",
      INSTANCE_STRESS: "InstanceStress"
    };
    var ClusterSlurmNodeType = {
      COMPUTE: "Compute",
      CONTROLLER: "Controller",
      LOGIN: "Login"
    };
    var SoftwareUpdateStatus = {
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      PENDING: "Pending",
      ROLLBACK_COMPLETE: "RollbackComplete",
      ROLLBACK_IN_PROGRESS: "RollbackInProgress",
      SUCCEEDED: "Succeeded"
    };
    var InstanceGroupStatus = {
      CREATING: "Creating",
      DEGRADED: "Degraded",
      DELETING: "Deleting",
      FAILED: "Failed",
      INSERVICE: "InService",
      SYSTEMUPDATING: "SystemUpdating",
      UPDATING: "Updating"
    };
    var ClusterNodeProvisioningMode = {
      CONTINUOUS: "Continuous"
    };
    var ClusterNodeRecovery = {
      AUTOMATIC: "Automatic",
      NONE: "None"
    };
    var ClusterSlurmConfigStrategy = {
      MANAGED: "Managed",
      MERGE: "Merge",
      OVERWRITE: "Overwrite"
    };
    var SchedulerResourceStatus = {
      CREATED: "Created",
      CREATE_FAILED: "CreateFailed",
      CREATE_ROLLBACK_FAILED: "CreateRollbackFailed",
      CREATING: "Creating",
      DELETED: "Deleted",
      DELETE_FAILED: "DeleteFailed",
      DELETE_ROLLBACK_FAILED: "DeleteRollbackFailed",
      DELETING: "Deleting",
      UPDATED: "Updated",
      UPDATE_FAILED: "UpdateFailed",
      UPDATE_ROLLBACK_FAILED: "UpdateRollbackFailed",
      UPDATING: "Updating"
    };
    var ClusterSortBy = {
      CREATION_TIME: "CREATION_TIME",
      NAME: "NAME"
    };
    var ClusterStatus = {
      CREATING: "Creating",
      DELETING: "Deleting",
      FAILED: "Failed",
      INSERVICE: "InService",
      ROLLINGBACK: "RollingBack",
      SYSTEMUPDATING: "SystemUpdating",
      UPDATING: "Updating"
    };
    var CodeRepositorySortBy = {
      CREATION_TIME: "CreationTime",
      LAST_MODIFIED_TIME: "LastModifiedTime",
      NAME: "Name"
    };
    var CodeRepositorySortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var CollectionType = {
      LIST: "List",
      SET: "Set",
      VECTOR: "Vector"
    };
    var CompilationJobStatus = {
      COMPLETED: "COMPLETED",
      FAILED: "FAILED",
      INPROGRESS: "INPROGRESS",
      STARTING: "STARTING",
      STOPPED: "STOPPED",
      STOPPING: "STOPPING"
    };
    var TargetDevice = {
      AISAGE: "aisage",
      AMBA_CV2: "amba_cv2",
      AMBA_CV22: "amba_cv22",
      AMBA_CV25: "amba_cv25",
      COREML: "coreml",
      DEEPLENS: "deeplens",
      IMX8MPLUS: "imx8mplus",
      IMX8QM: "imx8qm",
      JACINTO_TDA4VM: "jacinto_tda4vm",
      JETSON_NANO: "jetson_nano",
      JETSON_TX1: "jetson_tx1",
      JETSON_TX2: "jetson_tx2",
      JETSON_XAVIER: "jetson_xavier",
      LAMBDA: "lambda",
      ML_C4: "ml_c4",
      ML_C5: "ml_c5",
      ML_C6G: "ml_c6g",
      ML_EIA2: "ml_eia2",
      ML_G4DN: "ml_g4dn",
      ML_INF1: "ml_inf1",
      ML_INF2: "ml_inf2",
      ML_M4: "ml_m4",
      ML_M5: "ml_m5",
      ML_M6G: "ml_m6g",
      ML_P2: "ml_p2",
      ML_P3: "ml_p3",
      ML_TRN1: "ml_trn1",
      QCS603: "qcs603",
      QCS605: "qcs605",
      RASP3B: "rasp3b",
      RASP4B: "rasp4b",
      RK3288: "rk3288",
      RK3399: "rk3399",
      SBE_C: "sbe_c",
      SITARA_AM57X: "sitara_am57x",
      X86_WIN32: "x86_win32",
      X86_WIN64: "x86_win64"
    };
    var TargetPlatformAccelerator = {
      INTEL_GRAPHICS: "INTEL_GRAPHICS",
      MALI: "MALI",
      NNA: "NNA",
      NVIDIA: "NVIDIA"
    };
    var TargetPlatformArch = {
      ARM64: "ARM64",
      ARM_EABI: "ARM_EABI",
      ARM_EABIHF: "ARM_EABIHF",
      X86: "X86",
      X86_64: "X86_64"
    };
    var TargetPlatformOs = {
      ANDROID: "ANDROID",
      LINUX: "LINUX"
    };
    var CompleteOnConvergence = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var PreemptTeamTasks = {
      LOWERPRIORITY: "LowerPriority",
      NEVER: "Never"
    };
    var ResourceSharingStrategy = {
      DONTLEND: "DontLend",
      LEND: "Lend",
      LENDANDBORROW: "LendAndBorrow"
    };
    var ConditionOutcome = {
      FALSE: "False",
      TRUE: "True"
    };
    var MetricPublishFrequencyInSeconds;
    (function(MetricPublishFrequencyInSeconds2) {
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_10_S"] = 10] = "FREQ_10_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_30_S"] = 30] = "FREQ_30_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_60_S"] = 60] = "FREQ_60_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_120_S"] = 120] = "FREQ_120_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_180_S"] = 180] = "FREQ_180_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_240_S"] = 240] = "FREQ_240_S";
      MetricPublishFrequencyInSeconds2[MetricPublishFrequencyInSeconds2["FREQ_300_S"] = 300] = "FREQ_300_S";
    })(MetricPublishFrequencyInSeconds || (MetricPublishFrequencyInSeconds = {}));
    var RepositoryAccessMode = {
      PLATFORM: "Platform",
      VPC: "Vpc"
    };
    var ContainerMode = {
      MULTI_MODEL: "MultiModel",
      SINGLE_MODEL: "SingleModel"
    };
    var ModelCacheSetting = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var ContentClassifier = {
      FREE_OF_ADULT_CONTENT: "FreeOfAdultContent",
      FREE_OF_PERSONALLY_IDENTIFIABLE_INFORMATION: "FreeOfPersonallyIdentifiableInformation"
    };
    var HyperParameterScalingType = {
      AUTO: "Auto",
      LINEAR: "Linear",
      LOGARITHMIC: "Logarithmic",
      REVERSE_LOGARITHMIC: "ReverseLogarithmic"
    };
    var ParameterType = {
      CATEGORICAL: "Categorical",
      CONTINUOUS: "Continuous",
      FREE_TEXT: "FreeText",
      INTEGER: "Integer"
    };
    var HyperParameterTuningJobObjectiveType = {
      MAXIMIZE: "Maximize",
      MINIMIZE: "Minimize"
    };
    var FairShare = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var IdleResourceSharing = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var Framework = {
      DARKNET: "DARKNET",
      KERAS: "KERAS",
      MXNET: "MXNET",
      ONNX: "ONNX",
      PYTORCH: "PYTORCH",
      SKLEARN: "SKLEARN",
      TENSORFLOW: "TENSORFLOW",
      TFLITE: "TFLITE",
      XGBOOST: "XGBOOST"
    };
    var ProcessingS3UploadMode = {
      CONTINUOUS: "Continuous",
      END_OF_JOB: "EndOfJob"
    };
    var ProcessingInstanceType = {
      ML_C4_2XLARGE: "ml.c4.2xlarge",
      ML_C4_4XLARGE: "ml.c4.4xlarge",
      ML_C4_8XLARGE: "ml.c4.8xlarge",
      ML_C4_XLARGE: "ml.c4.xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_C8I_12XLARGE: "ml.c8i.12xlarge",
      ML_C8I_16XLARGE: "ml.c8i.16xlarge",
      ML_C8I_24XLARGE: "ml.c8i.24xlarge",
      ML_C8I_2XLARGE: "ml.c8i.2xlarge",
      ML_C8I_32XLARGE: "ml.c8i.32xlarge",
      ML_C8I_48XLARGE: "ml.c8i.48xlarge",
      ML_C8I_4XLARGE: "ml.c8i.4xlarge",
      ML_C8I_8XLARGE: "ml.c8i.8xlarge",
      ML_C8I_96XLARGE: "ml.c8i.96xlarge",
      ML_C8I_XLARGE: "ml.c8i.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_M4_10XLARGE: "ml.m4.10xlarge",
      ML_M4_16XLARGE: "ml.m4.16xlarge",
      ML_M4_2XLARGE: "ml.m4.2xlarge",
      ML_M4_4XLARGE: "ml.m4.4xlarge",
      ML_M4_XLARGE: "ml.m4.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_LARGE: "ml.m5.large",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_M8I_12XLARGE: "ml.m8i.12xlarge",
      ML_M8I_16XLARGE: "ml.m8i.16xlarge",
      ML_M8I_24XLARGE: "ml.m8i.24xlarge",
      ML_M8I_2XLARGE: "ml.m8i.2xlarge",
      ML_M8I_32XLARGE: "ml.m8i.32xlarge",
      ML_M8I_48XLARGE: "ml.m8i.48xlarge",
      ML_M8I_4XLARGE: "ml.m8i.4xlarge",
      ML_M8I_8XLARGE: "ml.m8i.8xlarge",
      ML_M8I_96XLARGE: "ml.m8i.96xlarge",
      ML_M8I_LARGE: "ml.m8i.large",
      ML_M8I_XLARGE: "ml.m8i.xlarge",
      ML_P2_16XLARGE: "ml.p2.16xlarge",
      ML_P2_8XLARGE: "ml.p2.8xlarge",
      ML_P2_XLARGE: "ml.p2.xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_R5D_12XLARGE: "ml.r5d.12xlarge",
      ML_R5D_16XLARGE: "ml.r5d.16xlarge",
      ML_R5D_24XLARGE: "ml.r5d.24xlarge",
      ML_R5D_2XLARGE: "ml.r5d.2xlarge",
      ML_R5D_4XLARGE: "ml.r5d.4xlarge",
      ML_R5D_8XLARGE: "ml.r5d.8xlarge",
      ML_R5D_LARGE: "ml.r5d.large",
      ML_R5D_XLARGE: "ml.r5d.xlarge",
      ML_R5_12XLARGE: "ml.r5.12xlarge",
      ML_R5_16XLARGE: "ml.r5.16xlarge",
      ML_R5_24XLARGE: "ml.r5.24xlarge",
      ML_R5_2XLARGE: "ml.r5.2xlarge",
      ML_R5_4XLARGE: "ml.r5.4xlarge",
      ML_R5_8XLARGE: "ml.r5.8xlarge",
      ML_R5_LARGE: "ml.r5.large",
      ML_R5_XLARGE: "ml.r5.xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_R8I_12XLARGE: "ml.r8i.12xlarge",
      ML_R8I_16XLARGE: "ml.r8i.16xlarge",
      ML_R8I_24XLARGE: "ml.r8i.24xlarge",
      ML_R8I_2XLARGE: "ml.r8i.2xlarge",
      ML_R8I_32XLARGE: "ml.r8i.32xlarge",
      ML_R8I_48XLARGE: "ml.r8i.48xlarge",
      ML_R8I_4XLARGE: "ml.r8i.4xlarge",
      ML_R8I_8XLARGE: "ml.r8i.8xlarge",
      ML_R8I_96XLARGE: "ml.r8i.96xlarge",
      ML_R8I_LARGE: "ml.r8i.large",
      ML_R8I_XLARGE: "ml.r8i.xlarge",
      ML_T3_2XLARGE: "ml.t3.2xlarge",
      ML_T3_LARGE: "ml.t3.large",
      ML_T3_MEDIUM: "ml.t3.medium",
      ML_T3_XLARGE: "ml.t3.xlarge"
    };
    var EdgePresetDeploymentType = {
      GreengrassV2Component: "GreengrassV2Component"
    };
    var RStudioServerProAccessStatus = {
      Disabled: "DISABLED",
      Enabled: "ENABLED"
    };
    var RStudioServerProUserGroup = {
      Admin: "R_STUDIO_ADMIN",
      User: "R_STUDIO_USER"
    };
    var NotebookOutputOption = {
      Allowed: "Allowed",
      Disabled: "Disabled"
    };
    var StudioWebPortal = {
      Disabled: "DISABLED",
      Enabled: "ENABLED"
    };
    var ExecutionRoleSessionNameMode = {
      Static: "STATIC",
      UserIdentity: "USER_IDENTITY"
    };
    var MlTools = {
      AUTO_ML: "AutoMl",
      COMET: "Comet",
      DATASETS: "Datasets",
      DATA_WRANGLER: "DataWrangler",
      DEEPCHECKS_LLM_EVALUATION: "DeepchecksLLMEvaluation",
      EMR_CLUSTERS: "EmrClusters",
      ENDPOINTS: "Endpoints",
      EVALUATORS: "Evaluators",
      EXPERIMENTS: "Experiments",
      FEATURE_STORE: "FeatureStore",
      FIDDLER: "Fiddler",
      HYPER_POD_CLUSTERS: "HyperPodClusters",
      INFERENCE_OPTIMIZATION: "InferenceOptimization",
      INFERENCE_RECOMMENDER: "InferenceRecommender",
      JUMP_START: "JumpStart",
      LAKERA_GUARD: "LakeraGuard",
      MODELS: "Models",
      MODEL_EVALUATION: "ModelEvaluation",
      PERFORMANCE_EVALUATION: "PerformanceEvaluation",
      PIPELINES: "Pipelines",
      PROJECTS: "Projects",
      RUNNING_INSTANCES: "RunningInstances",
      TRAINING: "Training"
    };
    var SageMakerImageName = {
      sagemaker_distribution: "sagemaker_distribution"
    };
    var ExecutionRoleIdentityConfig = {
      DISABLED: "DISABLED",
      USER_PROFILE_NAME: "USER_PROFILE_NAME"
    };
    var IPAddressType = {
      DUALSTACK: "dualstack",
      IPV4: "ipv4"
    };
    var HomeEfsFileSystemCreation = {
      Disabled: "Disabled",
      Enabled: "Enabled"
    };
    var TagPropagation = {
      DISABLED: "DISABLED",
      ENABLED: "ENABLED"
    };
    var FailureHandlingPolicy = {
      DoNothing: "DO_NOTHING",
      RollbackOnFailure: "ROLLBACK_ON_FAILURE"
    };
    var DeviceSubsetType = {
      NameContains: "NAMECONTAINS",
      Percentage: "PERCENTAGE",
      Selection: "SELECTION"
    };
    var ProductionVariantAcceleratorType = {
      ML_EIA1_LARGE: "ml.eia1.large",
      ML_EIA1_MEDIUM: "ml.eia1.medium",
      ML_EIA1_XLARGE: "ml.eia1.xlarge",
      ML_EIA2_LARGE: "ml.eia2.large",
      ML_EIA2_MEDIUM: "ml.eia2.medium",
      ML_EIA2_XLARGE: "ml.eia2.xlarge"
    };
    var ProductionVariantInferenceAmiVersion = {
      AL2023_GPU_4_1: "al2023-ami-sagemaker-inference-gpu-4-1",
      AL2_GPU_2: "al2-ami-sagemaker-inference-gpu-2",
      AL2_GPU_2_1: "al2-ami-sagemaker-inference-gpu-2-1",
      AL2_GPU_3_1: "al2-ami-sagemaker-inference-gpu-3-1",
      AL2_NEURON_2: "al2-ami-sagemaker-inference-neuron-2"
    };
    var ManagedInstanceScalingScaleInStrategy = {
      CONSOLIDATION: "CONSOLIDATION",
      IDLE_RELEASE: "IDLE_RELEASE"
    };
    var ManagedInstanceScalingStatus = {
      DISABLED: "DISABLED",
      ENABLED: "ENABLED"
    };
    var RoutingStrategy = {
      LEAST_OUTSTANDING_REQUESTS: "LEAST_OUTSTANDING_REQUESTS",
      PREFIX_AWARE: "PREFIX_AWARE",
      RANDOM: "RANDOM"
    };
    var FeatureType = {
      FRACTIONAL: "Fractional",
      INTEGRAL: "Integral",
      STRING: "String"
    };
    var TableFormat = {
      DEFAULT: "Default",
      GLUE: "Glue",
      ICEBERG: "Iceberg"
    };
    var StorageType = {
      IN_MEMORY: "InMemory",
      STANDARD: "Standard",
      STANDARD_V2: "Standard_V2"
    };
    var TtlDurationUnit = {
      DAYS: "Days",
      HOURS: "Hours",
      MINUTES: "Minutes",
      SECONDS: "Seconds",
      WEEKS: "Weeks"
    };
    var ThroughputMode = {
      ON_DEMAND: "OnDemand",
      PROVISIONED: "Provisioned"
    };
    var HubContentType = {
      DATA_SET: "DataSet",
      JSON_DOC: "JsonDoc",
      MODEL: "Model",
      MODEL_REFERENCE: "ModelReference",
      NOTEBOOK: "Notebook"
    };
    var HyperParameterTuningJobStrategyType = {
      BAYESIAN: "Bayesian",
      GRID: "Grid",
      HYPERBAND: "Hyperband",
      RANDOM: "Random"
    };
    var TrainingJobEarlyStoppingType = {
      AUTO: "Auto",
      OFF: "Off"
    };
    var HyperParameterTuningAllocationStrategy = {
      PRIORITIZED: "Prioritized"
    };
    var HyperParameterTuningJobWarmStartType = {
      IDENTICAL_DATA_AND_ALGORITHM: "IdenticalDataAndAlgorithm",
      TRANSFER_LEARNING: "TransferLearning"
    };
    var JobType = {
      INFERENCE: "INFERENCE",
      NOTEBOOK_KERNEL: "NOTEBOOK_KERNEL",
      TRAINING: "TRAINING"
    };
    var Processor = {
      CPU: "CPU",
      GPU: "GPU"
    };
    var VendorGuidance = {
      ARCHIVED: "ARCHIVED",
      NOT_PROVIDED: "NOT_PROVIDED",
      STABLE: "STABLE",
      TO_BE_ARCHIVED: "TO_BE_ARCHIVED"
    };
    var InferenceComponentPlacementStrategy = {
      BINPACK: "BINPACK",
      SPREAD: "SPREAD"
    };
    var ModelInfrastructureType = {
      REAL_TIME_INFERENCE: "RealTimeInference"
    };
    var InferenceExperimentType = {
      SHADOW_MODE: "ShadowMode"
    };
    var RecommendationJobSupportedEndpointType = {
      REALTIME: "RealTime",
      SERVERLESS: "Serverless"
    };
    var TrafficType = {
      PHASES: "PHASES",
      STAIRS: "STAIRS"
    };
    var RecommendationJobType = {
      ADVANCED: "Advanced",
      DEFAULT: "Default"
    };
    var FlatInvocations = {
      CONTINUE: "Continue",
      STOP: "Stop"
    };
    var JobCategory = {
      AGENT_RFT: "AgentRFT",
      AGENT_RFT_EVALUATION: "AgentRFTEvaluation"
    };
    var ModelRegistrationMode = {
      AUTO_MODEL_REGISTRATION_DISABLED: "AutoModelRegistrationDisabled",
      AUTO_MODEL_REGISTRATION_ENABLED: "AutoModelRegistrationEnabled"
    };
    var TrackingServerSize = {
      L: "Large",
      M: "Medium",
      S: "Small"
    };
    var InferenceExecutionMode = {
      DIRECT: "Direct",
      SERIAL: "Serial"
    };
    var ModelCardStatus = {
      APPROVED: "Approved",
      ARCHIVED: "Archived",
      DRAFT: "Draft",
      PENDINGREVIEW: "PendingReview"
    };
    var ManagedStorageType = {
      RESTRICTED: "Restricted"
    };
    var SkipModelValidation = {
      ALL: "All",
      NONE: "None"
    };
    var MonitoringProblemType = {
      BINARY_CLASSIFICATION: "BinaryClassification",
      MULTICLASS_CLASSIFICATION: "MulticlassClassification",
      REGRESSION: "Regression"
    };
    var MonitoringType = {
      DATA_QUALITY: "DataQuality",
      MODEL_BIAS: "ModelBias",
      MODEL_EXPLAINABILITY: "ModelExplainability",
      MODEL_QUALITY: "ModelQuality"
    };
    var NotebookInstanceAcceleratorType = {
      ML_EIA1_LARGE: "ml.eia1.large",
      ML_EIA1_MEDIUM: "ml.eia1.medium",
      ML_EIA1_XLARGE: "ml.eia1.xlarge",
      ML_EIA2_LARGE: "ml.eia2.large",
      ML_EIA2_MEDIUM: "ml.eia2.medium",
      ML_EIA2_XLARGE: "ml.eia2.xlarge"
    };
    var DirectInternetAccess = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var _InstanceType = {
      ML_C4_2XLARGE: "ml.c4.2xlarge",
      ML_C4_4XLARGE: "ml.c4.4xlarge",
      ML_C4_8XLARGE: "ml.c4.8xlarge",
      ML_C4_XLARGE: "ml.c4.xlarge",
      ML_C5D_18XLARGE: "ml.c5d.18xlarge",
      ML_C5D_2XLARGE: "ml.c5d.2xlarge",
      ML_C5D_4XLARGE: "ml.c5d.4xlarge",
      ML_C5D_9XLARGE: "ml.c5d.9xlarge",
      ML_C5D_XLARGE: "ml.c5d.xlarge",
      ML_C5_18XLARGE: "ml.c5.18xlarge",
      ML_C5_2XLARGE: "ml.c5.2xlarge",
      ML_C5_4XLARGE: "ml.c5.4xlarge",
      ML_C5_9XLARGE: "ml.c5.9xlarge",
      ML_C5_XLARGE: "ml.c5.xlarge",
      ML_C6ID_12XLARGE: "ml.c6id.12xlarge",
      ML_C6ID_16XLARGE: "ml.c6id.16xlarge",
      ML_C6ID_24XLARGE: "ml.c6id.24xlarge",
      ML_C6ID_2XLARGE: "ml.c6id.2xlarge",
      ML_C6ID_32XLARGE: "ml.c6id.32xlarge",
      ML_C6ID_4XLARGE: "ml.c6id.4xlarge",
      ML_C6ID_8XLARGE: "ml.c6id.8xlarge",
      ML_C6ID_LARGE: "ml.c6id.large",
      ML_C6ID_XLARGE: "ml.c6id.xlarge",
      ML_C6I_12XLARGE: "ml.c6i.12xlarge",
      ML_C6I_16XLARGE: "ml.c6i.16xlarge",
      ML_C6I_24XLARGE: "ml.c6i.24xlarge",
      ML_C6I_2XLARGE: "ml.c6i.2xlarge",
      ML_C6I_32XLARGE: "ml.c6i.32xlarge",
      ML_C6I_4XLARGE: "ml.c6i.4xlarge",
      ML_C6I_8XLARGE: "ml.c6i.8xlarge",
      ML_C6I_LARGE: "ml.c6i.large",
      ML_C6I_XLARGE: "ml.c6i.xlarge",
      ML_C7I_12XLARGE: "ml.c7i.12xlarge",
      ML_C7I_16XLARGE: "ml.c7i.16xlarge",
      ML_C7I_24XLARGE: "ml.c7i.24xlarge",
      ML_C7I_2XLARGE: "ml.c7i.2xlarge",
      ML_C7I_48XLARGE: "ml.c7i.48xlarge",
      ML_C7I_4XLARGE: "ml.c7i.4xlarge",
      ML_C7I_8XLARGE: "ml.c7i.8xlarge",
      ML_C7I_LARGE: "ml.c7i.large",
      ML_C7I_XLARGE: "ml.c7i.xlarge",
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_INF1_24XLARGE: "ml.inf1.24xlarge",
      ML_INF1_2XLARGE: "ml.inf1.2xlarge",
      ML_INF1_6XLARGE: "ml.inf1.6xlarge",
      ML_INF1_XLARGE: "ml.inf1.xlarge",
      ML_INF2_24XLARGE: "ml.inf2.24xlarge",
      ML_INF2_48XLARGE: "ml.inf2.48xlarge",
      ML_INF2_8XLARGE: "ml.inf2.8xlarge",
      ML_INF2_XLARGE: "ml.inf2.xlarge",
      ML_M4_10XLARGE: "ml.m4.10xlarge",
      ML_M4_16XLARGE: "ml.m4.16xlarge",
      ML_M4_2XLARGE: "ml.m4.2xlarge",
      ML_M4_4XLARGE: "ml.m4.4xlarge",
      ML_M4_XLARGE: "ml.m4.xlarge",
      ML_M5D_12XLARGE: "ml.m5d.12xlarge",
      ML_M5D_16XLARGE: "ml.m5d.16xlarge",
      ML_M5D_24XLARGE: "ml.m5d.24xlarge",
      ML_M5D_2XLARGE: "ml.m5d.2xlarge",
      ML_M5D_4XLARGE: "ml.m5d.4xlarge",
      ML_M5D_8XLARGE: "ml.m5d.8xlarge",
      ML_M5D_LARGE: "ml.m5d.large",
      ML_M5D_XLARGE: "ml.m5d.xlarge",
      ML_M5_12XLARGE: "ml.m5.12xlarge",
      ML_M5_24XLARGE: "ml.m5.24xlarge",
      ML_M5_2XLARGE: "ml.m5.2xlarge",
      ML_M5_4XLARGE: "ml.m5.4xlarge",
      ML_M5_XLARGE: "ml.m5.xlarge",
      ML_M6ID_12XLARGE: "ml.m6id.12xlarge",
      ML_M6ID_16XLARGE: "ml.m6id.16xlarge",
      ML_M6ID_24XLARGE: "ml.m6id.24xlarge",
      ML_M6ID_2XLARGE: "ml.m6id.2xlarge",
      ML_M6ID_32XLARGE: "ml.m6id.32xlarge",
      ML_M6ID_4XLARGE: "ml.m6id.4xlarge",
      ML_M6ID_8XLARGE: "ml.m6id.8xlarge",
      ML_M6ID_LARGE: "ml.m6id.large",
      ML_M6ID_XLARGE: "ml.m6id.xlarge",
      ML_M6I_12XLARGE: "ml.m6i.12xlarge",
      ML_M6I_16XLARGE: "ml.m6i.16xlarge",
      ML_M6I_24XLARGE: "ml.m6i.24xlarge",
      ML_M6I_2XLARGE: "ml.m6i.2xlarge",
      ML_M6I_32XLARGE: "ml.m6i.32xlarge",
      ML_M6I_4XLARGE: "ml.m6i.4xlarge",
      ML_M6I_8XLARGE: "ml.m6i.8xlarge",
      ML_M6I_LARGE: "ml.m6i.large",
      ML_M6I_XLARGE: "ml.m6i.xlarge",
      ML_M7I_12XLARGE: "ml.m7i.12xlarge",
      ML_M7I_16XLARGE: "ml.m7i.16xlarge",
      ML_M7I_24XLARGE: "ml.m7i.24xlarge",
      ML_M7I_2XLARGE: "ml.m7i.2xlarge",
      ML_M7I_48XLARGE: "ml.m7i.48xlarge",
      ML_M7I_4XLARGE: "ml.m7i.4xlarge",
      ML_M7I_8XLARGE: "ml.m7i.8xlarge",
      ML_M7I_LARGE: "ml.m7i.large",
      ML_M7I_XLARGE: "ml.m7i.xlarge",
      ML_P2_16XLARGE: "ml.p2.16xlarge",
      ML_P2_8XLARGE: "ml.p2.8xlarge",
      ML_P2_XLARGE: "ml.p2.xlarge",
      ML_P3DN_24XLARGE: "ml.p3dn.24xlarge",
      ML_P3_16XLARGE: "ml.p3.16xlarge",
      ML_P3_2XLARGE: "ml.p3.2xlarge",
      ML_P3_8XLARGE: "ml.p3.8xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_R5_12XLARGE: "ml.r5.12xlarge",
      ML_R5_16XLARGE: "ml.r5.16xlarge",
      ML_R5_24XLARGE: "ml.r5.24xlarge",
      ML_R5_2XLARGE: "ml.r5.2xlarge",
      ML_R5_4XLARGE: "ml.r5.4xlarge",
      ML_R5_8XLARGE: "ml.r5.8xlarge",
      ML_R5_LARGE: "ml.r5.large",
      ML_R5_XLARGE: "ml.r5.xlarge",
      ML_R6ID_12XLARGE: "ml.r6id.12xlarge",
      ML_R6ID_16XLARGE: "ml.r6id.16xlarge",
      ML_R6ID_24XLARGE: "ml.r6id.24xlarge",
      ML_R6ID_2XLARGE: "ml.r6id.2xlarge",
      ML_R6ID_32XLARGE: "ml.r6id.32xlarge",
      ML_R6ID_4XLARGE: "ml.r6id.4xlarge",
      ML_R6ID_8XLARGE: "ml.r6id.8xlarge",
      ML_R6ID_LARGE: "ml.r6id.large",
      ML_R6ID_XLARGE: "ml.r6id.xlarge",
      ML_R6I_12XLARGE: "ml.r6i.12xlarge",
      ML_R6I_16XLARGE: "ml.r6i.16xlarge",
      ML_R6I_24XLARGE: "ml.r6i.24xlarge",
      ML_R6I_2XLARGE: "ml.r6i.2xlarge",
      ML_R6I_32XLARGE: "ml.r6i.32xlarge",
      ML_R6I_4XLARGE: "ml.r6i.4xlarge",
      ML_R6I_8XLARGE: "ml.r6i.8xlarge",
      ML_R6I_LARGE: "ml.r6i.large",
      ML_R6I_XLARGE: "ml.r6i.xlarge",
      ML_R7I_12XLARGE: "ml.r7i.12xlarge",
      ML_R7I_16XLARGE: "ml.r7i.16xlarge",
      ML_R7I_24XLARGE: "ml.r7i.24xlarge",
      ML_R7I_2XLARGE: "ml.r7i.2xlarge",
      ML_R7I_48XLARGE: "ml.r7i.48xlarge",
      ML_R7I_4XLARGE: "ml.r7i.4xlarge",
      ML_R7I_8XLARGE: "ml.r7i.8xlarge",
      ML_R7I_LARGE: "ml.r7i.large",
      ML_R7I_XLARGE: "ml.r7i.xlarge",
      ML_T2_2XLARGE: "ml.t2.2xlarge",
      ML_T2_LARGE: "ml.t2.large",
      ML_T2_MEDIUM: "ml.t2.medium",
      ML_T2_XLARGE: "ml.t2.xlarge",
      ML_T3_2XLARGE: "ml.t3.2xlarge",
      ML_T3_LARGE: "ml.t3.large",
      ML_T3_MEDIUM: "ml.t3.medium",
      ML_T3_XLARGE: "ml.t3.xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge"
    };
    var RootAccess = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var OptimizationJobDeploymentInstanceType = {
      ML_G4DN_12XLARGE: "ml.g4dn.12xlarge",
      ML_G4DN_16XLARGE: "ml.g4dn.16xlarge",
      ML_G4DN_2XLARGE: "ml.g4dn.2xlarge",
      ML_G4DN_4XLARGE: "ml.g4dn.4xlarge",
      ML_G4DN_8XLARGE: "ml.g4dn.8xlarge",
      ML_G4DN_XLARGE: "ml.g4dn.xlarge",
      ML_G5_12XLARGE: "ml.g5.12xlarge",
      ML_G5_16XLARGE: "ml.g5.16xlarge",
      ML_G5_24XLARGE: "ml.g5.24xlarge",
      ML_G5_2XLARGE: "ml.g5.2xlarge",
      ML_G5_48XLARGE: "ml.g5.48xlarge",
      ML_G5_4XLARGE: "ml.g5.4xlarge",
      ML_G5_8XLARGE: "ml.g5.8xlarge",
      ML_G5_XLARGE: "ml.g5.xlarge",
      ML_G6E_12XLARGE: "ml.g6e.12xlarge",
      ML_G6E_16XLARGE: "ml.g6e.16xlarge",
      ML_G6E_24XLARGE: "ml.g6e.24xlarge",
      ML_G6E_2XLARGE: "ml.g6e.2xlarge",
      ML_G6E_48XLARGE: "ml.g6e.48xlarge",
      ML_G6E_4XLARGE: "ml.g6e.4xlarge",
      ML_G6E_8XLARGE: "ml.g6e.8xlarge",
      ML_G6E_XLARGE: "ml.g6e.xlarge",
      ML_G6_12XLARGE: "ml.g6.12xlarge",
      ML_G6_16XLARGE: "ml.g6.16xlarge",
      ML_G6_24XLARGE: "ml.g6.24xlarge",
      ML_G6_2XLARGE: "ml.g6.2xlarge",
      ML_G6_48XLARGE: "ml.g6.48xlarge",
      ML_G6_4XLARGE: "ml.g6.4xlarge",
      ML_G6_8XLARGE: "ml.g6.8xlarge",
      ML_G6_XLARGE: "ml.g6.xlarge",
      ML_G7E_12XLARGE: "ml.g7e.12xlarge",
      ML_G7E_24XLARGE: "ml.g7e.24xlarge",
      ML_G7E_2XLARGE: "ml.g7e.2xlarge",
      ML_G7E_48XLARGE: "ml.g7e.48xlarge",
      ML_G7E_4XLARGE: "ml.g7e.4xlarge",
      ML_G7E_8XLARGE: "ml.g7e.8xlarge",
      ML_G7_12XLARGE: "ml.g7.12xlarge",
      ML_G7_24XLARGE: "ml.g7.24xlarge",
      ML_G7_2XLARGE: "ml.g7.2xlarge",
      ML_G7_48XLARGE: "ml.g7.48xlarge",
      ML_G7_4XLARGE: "ml.g7.4xlarge",
      ML_G7_8XLARGE: "ml.g7.8xlarge",
      ML_INF2_24XLARGE: "ml.inf2.24xlarge",
      ML_INF2_48XLARGE: "ml.inf2.48xlarge",
      ML_INF2_8XLARGE: "ml.inf2.8xlarge",
      ML_INF2_XLARGE: "ml.inf2.xlarge",
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_TRN1N_32XLARGE: "ml.trn1n.32xlarge",
      ML_TRN1_2XLARGE: "ml.trn1.2xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge"
    };
    var ModelSpeculativeDecodingTechnique = {
      EAGLE: "EAGLE"
    };
    var ModelSpeculativeDecodingS3DataType = {
      ManifestFile: "ManifestFile",
      S3Prefix: "S3Prefix"
    };
    var PartnerAppAuthType = {
      IAM: "IAM",
      IDC: "IDC"
    };
    var PartnerAppType = {
      COMET: "comet",
      DEEPCHECKS_LLM_EVALUATION: "deepchecks-llm-evaluation",
      FIDDLER: "fiddler",
      LAKERA_GUARD: "lakera-guard"
    };
    var DataDistributionType = {
      FULLYREPLICATED: "FullyReplicated",
      SHARDEDBYS3KEY: "ShardedByS3Key"
    };
    var InputMode = {
      FILE: "File",
      PIPE: "Pipe"
    };
    var RedshiftResultCompressionType = {
      BZIP2: "BZIP2",
      GZIP: "GZIP",
      NONE: "None",
      SNAPPY: "SNAPPY",
      ZSTD: "ZSTD"
    };
    var RedshiftResultFormat = {
      CSV: "CSV",
      PARQUET: "PARQUET"
    };
    var ProcessingS3CompressionType = {
      GZIP: "Gzip",
      NONE: "None"
    };
    var ProcessingS3DataType = {
      MANIFEST_FILE: "ManifestFile",
      S3_PREFIX: "S3Prefix"
    };
    var SharingType = {
      Private: "Private",
      Shared: "Shared"
    };
    var StudioLifecycleConfigAppType = {
      CodeEditor: "CodeEditor",
      JupyterLab: "JupyterLab",
      JupyterServer: "JupyterServer",
      KernelGateway: "KernelGateway"
    };
    var CustomizationTechnique = {
      DPO: "DPO",
      RLAIF: "RLAIF",
      RLVR: "RLVR",
      SFT: "SFT"
    };
    var EvaluationType = {
      BENCHMARK_EVALUATION: "BenchmarkEvaluation",
      CUSTOM_SCORER_EVALUATION: "CustomScorerEvaluation",
      LLMAJ_EVALUATION: "LLMAJEvaluation"
    };
    var ServerlessJobType = {
      EVALUATION: "Evaluation",
      FINE_TUNING: "FineTuning"
    };
    var Peft = {
      LORA: "LORA"
    };
    var JoinSource = {
      INPUT: "Input",
      NONE: "None"
    };
    var TrialComponentPrimaryStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var WorkforceIpAddressType = {
      dualstack: "dualstack",
      ipv4: "ipv4"
    };
    var EnabledOrDisabled = {
      Disabled: "Disabled",
      Enabled: "Enabled"
    };
    var CrossAccountFilterOption = {
      CROSS_ACCOUNT: "CrossAccount",
      SAME_ACCOUNT: "SameAccount"
    };
    var Statistic = {
      AVERAGE: "Average",
      MAXIMUM: "Maximum",
      MINIMUM: "Minimum",
      SAMPLE_COUNT: "SampleCount",
      SUM: "Sum"
    };
    var RuleEvaluationStatus = {
      ERROR: "Error",
      IN_PROGRESS: "InProgress",
      ISSUES_FOUND: "IssuesFound",
      NO_ISSUES_FOUND: "NoIssuesFound",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var RetentionType = {
      Delete: "Delete",
      Retain: "Retain"
    };
    var RecommendationStatus = {
      COMPLETED: "COMPLETED",
      FAILED: "FAILED",
      IN_PROGRESS: "IN_PROGRESS",
      NOT_APPLICABLE: "NOT_APPLICABLE"
    };
    var StageStatus = {
      Creating: "CREATING",
      Deployed: "DEPLOYED",
      Failed: "FAILED",
      InProgress: "INPROGRESS",
      ReadyToDeploy: "READYTODEPLOY",
      Starting: "STARTING",
      Stopped: "STOPPED",
      Stopping: "STOPPING"
    };
    var SchedulerConfigComponent = {
      FAIR_SHARE: "FairShare",
      IDLE_RESOURCE_SHARING: "IdleResourceSharing",
      PRIORITY_CLASSES: "PriorityClasses"
    };
    var DomainStatus = {
      Delete_Failed: "Delete_Failed",
      Deleting: "Deleting",
      Failed: "Failed",
      InService: "InService",
      Pending: "Pending",
      Update_Failed: "Update_Failed",
      Updating: "Updating"
    };
    var EdgePackagingJobStatus = {
      Completed: "COMPLETED",
      Failed: "FAILED",
      InProgress: "INPROGRESS",
      Starting: "STARTING",
      Stopped: "STOPPED",
      Stopping: "STOPPING"
    };
    var EdgePresetDeploymentStatus = {
      Completed: "COMPLETED",
      Failed: "FAILED"
    };
    var EndpointStatus = {
      CREATING: "Creating",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_SERVICE: "InService",
      OUT_OF_SERVICE: "OutOfService",
      ROLLING_BACK: "RollingBack",
      SYSTEM_UPDATING: "SystemUpdating",
      UPDATE_ROLLBACK_FAILED: "UpdateRollbackFailed",
      UPDATING: "Updating"
    };
    var VariantStatus = {
      ACTIVATING_TRAFFIC: "ActivatingTraffic",
      BAKING: "Baking",
      CREATING: "Creating",
      DELETING: "Deleting",
      UPDATING: "Updating"
    };
    var FeatureGroupStatus = {
      CREATED: "Created",
      CREATE_FAILED: "CreateFailed",
      CREATING: "Creating",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting"
    };
    var LastUpdateStatusValue = {
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      SUCCESSFUL: "Successful"
    };
    var OfflineStoreStatusValue = {
      ACTIVE: "Active",
      BLOCKED: "Blocked",
      DISABLED: "Disabled"
    };
    var FlowDefinitionStatus = {
      ACTIVE: "Active",
      DELETING: "Deleting",
      FAILED: "Failed",
      INITIALIZING: "Initializing"
    };
    var HubStatus = {
      CREATE_FAILED: "CreateFailed",
      CREATING: "Creating",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      IN_SERVICE: "InService",
      UPDATE_FAILED: "UpdateFailed",
      UPDATING: "Updating"
    };
    var HubContentStatus = {
      AVAILABLE: "Available",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      IMPORTING: "Importing",
      IMPORT_FAILED: "ImportFailed",
      PENDING_DELETE: "PendingDelete",
      PENDING_IMPORT: "PendingImport"
    };
    var HubContentSupportStatus = {
      DEPRECATED: "Deprecated",
      RESTRICTED: "Restricted",
      SUPPORTED: "Supported"
    };
    var HumanTaskUiStatus = {
      ACTIVE: "Active",
      DELETING: "Deleting"
    };
    var TrainingJobStatus = {
      COMPLETED: "Completed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var HyperParameterTuningJobStatus = {
      COMPLETED: "Completed",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var ImageStatus = {
      CREATED: "CREATED",
      CREATE_FAILED: "CREATE_FAILED",
      CREATING: "CREATING",
      DELETE_FAILED: "DELETE_FAILED",
      DELETING: "DELETING",
      UPDATE_FAILED: "UPDATE_FAILED",
      UPDATING: "UPDATING"
    };
    var ImageVersionStatus = {
      CREATED: "CREATED",
      CREATE_FAILED: "CREATE_FAILED",
      CREATING: "CREATING",
      DELETE_FAILED: "DELETE_FAILED",
      DELETING: "DELETING"
    };
    var InferenceComponentStatus = {
      CREATING: "Creating",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_SERVICE: "InService",
      UPDATING: "Updating"
    };
    var InferenceComponentCapacitySizeType = {
      CAPACITY_PERCENT: "CAPACITY_PERCENT",
      COPY_COUNT: "COPY_COUNT"
    };
    var ModelVariantStatus = {
      CREATING: "Creating",
      DELETED: "Deleted",
      DELETING: "Deleting",
      IN_SERVICE: "InService",
      UPDATING: "Updating"
    };
    var InferenceExperimentStatus = {
      CANCELLED: "Cancelled",
      COMPLETED: "Completed",
      CREATED: "Created",
      CREATING: "Creating",
      RUNNING: "Running",
      STARTING: "Starting",
      STOPPING: "Stopping",
      UPDATING: "Updating"
    };
    var RecommendationJobStatus = {
      COMPLETED: "COMPLETED",
      DELETED: "DELETED",
      DELETING: "DELETING",
      FAILED: "FAILED",
      IN_PROGRESS: "IN_PROGRESS",
      PENDING: "PENDING",
      STOPPED: "STOPPED",
      STOPPING: "STOPPING"
    };
    var JobStatus = {
      COMPLETED: "Completed",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var JobSecondaryStatus = {
      COMPLETED: "Completed",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      DOWNLOADING: "Downloading",
      EVALUATING: "Evaluating",
      FAILED: "Failed",
      INTERRUPTED: "Interrupted",
      MAX_RUNTIME_EXCEEDED: "MaxRuntimeExceeded",
      PENDING: "Pending",
      RESTARTING: "Restarting",
      STARTING: "Starting",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      TRAINING: "Training",
      UPLOADING: "Uploading"
    };
    var LabelingJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      INITIALIZING: "Initializing",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var MaintenanceStatus = {
      MAINTENANCE_COMPLETE: "MaintenanceComplete",
      MAINTENANCE_FAILED: "MaintenanceFailed",
      MAINTENANCE_IN_PROGRESS: "MaintenanceInProgress"
    };
    var MlflowAppStatus = {
      CREATED: "Created",
      CREATE_FAILED: "CreateFailed",
      CREATING: "Creating",
      DELETED: "Deleted",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      UPDATED: "Updated",
      UPDATE_FAILED: "UpdateFailed",
      UPDATING: "Updating"
    };
    var IsTrackingServerActive = {
      ACTIVE: "Active",
      INACTIVE: "Inactive"
    };
    var TrackingServerMaintenanceStatus = {
      MAINTENANCE_COMPLETE: "MaintenanceComplete",
      MAINTENANCE_FAILED: "MaintenanceFailed",
      MAINTENANCE_IN_PROGRESS: "MaintenanceInProgress"
    };
    var TrackingServerStatus = {
      CREATED: "Created",
      CREATE_FAILED: "CreateFailed",
      CREATING: "Creating",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      MAINTENANCE_COMPLETE: "MaintenanceComplete",
      MAINTENANCE_FAILED: "MaintenanceFailed",
      MAINTENANCE_IN_PROGRESS: "MaintenanceInProgress",
      STARTED: "Started",
      STARTING: "Starting",
      START_FAILED: "StartFailed",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      STOP_FAILED: "StopFailed",
      UPDATED: "Updated",
      UPDATE_FAILED: "UpdateFailed",
      UPDATING: "Updating"
    };
    var IncludedData = {
      ALL_DATA: "AllData",
      METADATA_ONLY: "MetadataOnly"
    };
    var ModelCardProcessingStatus = {
      CONTENT_DELETED: "ContentDeleted",
      DELETE_COMPLETED: "DeleteCompleted",
      DELETE_FAILED: "DeleteFailed",
      DELETE_INPROGRESS: "DeleteInProgress",
      DELETE_PENDING: "DeletePending",
      EXPORTJOBS_DELETED: "ExportJobsDeleted"
    };
    var ModelCardExportJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress"
    };
    var DetailedModelPackageStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      NOT_STARTED: "NotStarted"
    };
    var ModelPackageGroupStatus = {
      COMPLETED: "Completed",
      DELETE_FAILED: "DeleteFailed",
      DELETING: "Deleting",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      PENDING: "Pending"
    };
    var ExecutionStatus = {
      COMPLETED: "Completed",
      COMPLETED_WITH_VIOLATIONS: "CompletedWithViolations",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      PENDING: "Pending",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var ScheduleStatus = {
      FAILED: "Failed",
      PENDING: "Pending",
      SCHEDULED: "Scheduled",
      STOPPED: "Stopped"
    };
    var NotebookInstanceStatus = {
      Deleting: "Deleting",
      Failed: "Failed",
      InMaintenance: "InMaintenance",
      InService: "InService",
      Pending: "Pending",
      PendingMaintenance: "PendingMaintenance",
      Stopped: "Stopped",
      Stopping: "Stopping",
      Updating: "Updating"
    };
    var OptimizationJobStatus = {
      COMPLETED: "COMPLETED",
      FAILED: "FAILED",
      INPROGRESS: "INPROGRESS",
      STARTING: "STARTING",
      STOPPED: "STOPPED",
      STOPPING: "STOPPING"
    };
    var PartnerAppStatus = {
      AVAILABLE: "Available",
      CREATING: "Creating",
      DELETED: "Deleted",
      DELETING: "Deleting",
      FAILED: "Failed",
      UPDATE_FAILED: "UpdateFailed",
      UPDATING: "Updating"
    };
    var PipelineStatus = {
      ACTIVE: "Active",
      DELETING: "Deleting"
    };
    var PipelineExecutionStatus = {
      EXECUTING: "Executing",
      FAILED: "Failed",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      SUCCEEDED: "Succeeded"
    };
    var ProcessingJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var ProjectStatus = {
      CREATE_COMPLETED: "CreateCompleted",
      CREATE_FAILED: "CreateFailed",
      CREATE_IN_PROGRESS: "CreateInProgress",
      DELETE_COMPLETED: "DeleteCompleted",
      DELETE_FAILED: "DeleteFailed",
      DELETE_IN_PROGRESS: "DeleteInProgress",
      PENDING: "Pending",
      UPDATE_COMPLETED: "UpdateCompleted",
      UPDATE_FAILED: "UpdateFailed",
      UPDATE_IN_PROGRESS: "UpdateInProgress"
    };
    var ReservedCapacityInstanceType = {
      ML_P4DE_24XLARGE: "ml.p4de.24xlarge",
      ML_P4D_24XLARGE: "ml.p4d.24xlarge",
      ML_P5EN_48XLARGE: "ml.p5en.48xlarge",
      ML_P5E_48XLARGE: "ml.p5e.48xlarge",
      ML_P5_48XLARGE: "ml.p5.48xlarge",
      ML_P5_4XLARGE: "ml.p5.4xlarge",
      ML_P6E_GB200_36XLARGE: "ml.p6e-gb200.36xlarge",
      ML_P6_B200_48XLARGE: "ml.p6-b200.48xlarge",
      ML_P6_B300_48XLARGE: "ml.p6-b300.48xlarge",
      ML_TRN1_32XLARGE: "ml.trn1.32xlarge",
      ML_TRN2_48XLARGE: "ml.trn2.48xlarge"
    };
    var ReservedCapacityType = {
      INSTANCE: "Instance",
      ULTRASERVER: "UltraServer"
    };
    var ReservedCapacityStatus = {
      ACTIVE: "Active",
      EXPIRED: "Expired",
      FAILED: "Failed",
      PENDING: "Pending",
      SCHEDULED: "Scheduled"
    };
    var SpaceStatus = {
      Delete_Failed: "Delete_Failed",
      Deleting: "Deleting",
      Failed: "Failed",
      InService: "InService",
      Pending: "Pending",
      Update_Failed: "Update_Failed",
      Updating: "Updating"
    };
    var ProfilingStatus = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var SecondaryStatus = {
      COMPLETED: "Completed",
      DOWNLOADING: "Downloading",
      DOWNLOADING_TRAINING_IMAGE: "DownloadingTrainingImage",
      FAILED: "Failed",
      INTERRUPTED: "Interrupted",
      LAUNCHING_ML_INSTANCES: "LaunchingMLInstances",
      MAX_RUNTIME_EXCEEDED: "MaxRuntimeExceeded",
      MAX_WAIT_TIME_EXCEEDED: "MaxWaitTimeExceeded",
      PENDING: "Pending",
      PREPARING_TRAINING_STACK: "PreparingTrainingStack",
      RESTARTING: "Restarting",
      STARTING: "Starting",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      TRAINING: "Training",
      UPDATING: "Updating",
      UPLOADING: "Uploading"
    };
    var WarmPoolResourceStatus = {
      AVAILABLE: "Available",
      INUSE: "InUse",
      REUSED: "Reused",
      TERMINATED: "Terminated"
    };
    var TrainingPlanStatus = {
      ACTIVE: "Active",
      EXPIRED: "Expired",
      FAILED: "Failed",
      PENDING: "Pending",
      SCHEDULED: "Scheduled"
    };
    var SageMakerResourceName = {
      ENDPOINT: "endpoint",
      HYPERPOD_CLUSTER: "hyperpod-cluster",
      STUDIO_APPS: "studio-apps",
      TRAINING_JOB: "training-job"
    };
    var TransformJobStatus = {
      COMPLETED: "Completed",
      FAILED: "Failed",
      IN_PROGRESS: "InProgress",
      STOPPED: "Stopped",
      STOPPING: "Stopping"
    };
    var UserProfileStatus = {
      Delete_Failed: "Delete_Failed",
      Deleting: "Deleting",
      Failed: "Failed",
      InService: "InService",
      Pending: "Pending",
      Update_Failed: "Update_Failed",
      Updating: "Updating"
    };
    var WorkforceStatus = {
      ACTIVE: "Active",
      DELETING: "Deleting",
      FAILED: "Failed",
      INITIALIZING: "Initializing",
      UPDATING: "Updating"
    };
    var DeviceDeploymentStatus = {
      Deployed: "DEPLOYED",
      Failed: "FAILED",
      InProgress: "INPROGRESS",
      ReadyToDeploy: "READYTODEPLOY",
      Stopped: "STOPPED",
      Stopping: "STOPPING"
    };
    var Direction = {
      ASCENDANTS: "Ascendants",
      BOTH: "Both",
      DESCENDANTS: "Descendants"
    };
    var EndpointConfigSortKey = {
      CreationTime: "CreationTime",
      Name: "Name"
    };
    var EndpointSortKey = {
      CreationTime: "CreationTime",
      Name: "Name",
      Status: "Status"
    };
    var EventSortBy = {
      EVENT_TIME: "EventTime"
    };
    var FeatureGroupSortBy = {
      CREATION_TIME: "CreationTime",
      FEATURE_GROUP_STATUS: "FeatureGroupStatus",
      NAME: "Name",
      OFFLINE_STORE_STATUS: "OfflineStoreStatus"
    };
    var FeatureGroupSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var Operator = {
      CONTAINS: "Contains",
      EQUALS: "Equals",
      EXISTS: "Exists",
      GREATER_THAN: "GreaterThan",
      GREATER_THAN_OR_EQUAL_TO: "GreaterThanOrEqualTo",
      IN: "In",
      LESS_THAN: "LessThan",
      LESS_THAN_OR_EQUAL_TO: "LessThanOrEqualTo",
      NOT_EQUALS: "NotEquals",
      NOT_EXISTS: "NotExists"
    };
    var SagemakerServicecatalogStatus = {
      DISABLED: "Disabled",
      ENABLED: "Enabled"
    };
    var ResourceType = {
      ENDPOINT: "Endpoint",
      EXPERIMENT: "Experiment",
      EXPERIMENT_TRIAL: "ExperimentTrial",
      EXPERIMENT_TRIAL_COMPONENT: "ExperimentTrialComponent",
      FEATURE_GROUP: "FeatureGroup",
      FEATURE_METADATA: "FeatureMetadata",
      HUB_CONTENT: "HubContent",
      HYPER_PARAMETER_TUNING_JOB: "HyperParameterTuningJob",
      IMAGE: "Image",
      IMAGE_VERSION: "ImageVersion",
      JOB: "Job",
      MODEL: "Model",
      MODEL_CARD: "ModelCard",
      MODEL_PACKAGE: "ModelPackage",
      MODEL_PACKAGE_GROUP: "ModelPackageGroup",
      PIPELINE: "Pipeline",
      PIPELINE_EXECUTION: "PipelineExecution",
      PIPELINE_VERSION: "PipelineVersion",
      PROJECT: "Project",
      TRAINING_JOB: "TrainingJob"
    };
    var HubContentSortBy = {
      CREATION_TIME: "CreationTime",
      HUB_CONTENT_NAME: "HubContentName",
      HUB_CONTENT_STATUS: "HubContentStatus"
    };
    var HubSortBy = {
      ACCOUNT_ID_OWNER: "AccountIdOwner",
      CREATION_TIME: "CreationTime",
      HUB_NAME: "HubName",
      HUB_STATUS: "HubStatus"
    };
    var HyperParameterTuningJobSortByOptions = {
      CreationTime: "CreationTime",
      Name: "Name",
      Status: "Status"
    };
    var ImageSortBy = {
      CREATION_TIME: "CREATION_TIME",
      IMAGE_NAME: "IMAGE_NAME",
      LAST_MODIFIED_TIME: "LAST_MODIFIED_TIME"
    };
    var ImageSortOrder = {
      ASCENDING: "ASCENDING",
      DESCENDING: "DESCENDING"
    };
    var ImageVersionSortBy = {
      CREATION_TIME: "CREATION_TIME",
      LAST_MODIFIED_TIME: "LAST_MODIFIED_TIME",
      VERSION: "VERSION"
    };
    var ImageVersionSortOrder = {
      ASCENDING: "ASCENDING",
      DESCENDING: "DESCENDING"
    };
    var InferenceComponentSortKey = {
      CreationTime: "CreationTime",
      Name: "Name",
      Status: "Status"
    };
    var InferenceExperimentStopDesiredState = {
      CANCELLED: "Cancelled",
      COMPLETED: "Completed"
    };
    var RecommendationStepType = {
      BENCHMARK: "BENCHMARK"
    };
    var LineageType = {
      ACTION: "Action",
      ARTIFACT: "Artifact",
      CONTEXT: "Context",
      TRIAL_COMPONENT: "TrialComponent"
    };
    var SortActionsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var SortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var ListAIBenchmarkJobsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ListAIRecommendationJobsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ListAIWorkloadConfigsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var SortArtifactsBy = {
      CREATION_TIME: "CreationTime"
    };
    var SortAssociationsBy = {
      CREATION_TIME: "CreationTime",
      DESTINATION_ARN: "DestinationArn",
      DESTINATION_TYPE: "DestinationType",
      SOURCE_ARN: "SourceArn",
      SOURCE_TYPE: "SourceType"
    };
    var SortClusterSchedulerConfigBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ListCompilationJobsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var SortQuotaBy = {
      CLUSTER_ARN: "ClusterArn",
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var SortContextsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var MonitoringJobDefinitionSortKey = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ListDeviceFleetsSortBy = {
      CreationTime: "CREATION_TIME",
      LastModifiedTime: "LAST_MODIFIED_TIME",
      Name: "NAME"
    };
    var ListEdgeDeploymentPlansSortBy = {
      CreationTime: "CREATION_TIME",
      DeviceFleetName: "DEVICE_FLEET_NAME",
      LastModifiedTime: "LAST_MODIFIED_TIME",
      Name: "NAME"
    };
    var ListEdgePackagingJobsSortBy = {
      CreationTime: "CREATION_TIME",
      EdgePackagingJobStatus: "STATUS",
      LastModifiedTime: "LAST_MODIFIED_TIME",
      ModelName: "MODEL_NAME",
      Name: "NAME"
    };
    var OrderKey = {
      Ascending: "Ascending",
      Descending: "Descending"
    };
    var SortExperimentsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var SortInferenceExperimentsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ListInferenceRecommendationsJobsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var SortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ListLabelingJobsForWorkteamSortByOptions = {
      CREATION_TIME: "CreationTime"
    };
    var SortLineageGroupsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var SortMlflowAppBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var SortTrackingServerBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ModelCardExportJobSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var ModelCardExportJobSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var ModelCardSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ModelCardSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var ModelCardVersionSortBy = {
      VERSION: "Version"
    };
    var ModelMetadataFilterType = {
      DOMAIN: "Domain",
      FRAMEWORK: "Framework",
      FRAMEWORKVERSION: "FrameworkVersion",
      TASK: "Task"
    };
    var ModelPackageGroupSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ModelPackageType = {
      BOTH: "Both",
      UNVERSIONED: "Unversioned",
      VERSIONED: "Versioned"
    };
    var ModelPackageSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ModelSortKey = {
      CreationTime: "CreationTime",
      Name: "Name"
    };
    var MonitoringAlertHistorySortKey = {
      CreationTime: "CreationTime",
      Status: "Status"
    };
    var MonitoringAlertStatus = {
      IN_ALERT: "InAlert",
      OK: "OK"
    };
    var MonitoringExecutionSortKey = {
      CREATION_TIME: "CreationTime",
      SCHEDULED_TIME: "ScheduledTime",
      STATUS: "Status"
    };
    var MonitoringScheduleSortKey = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var NotebookInstanceLifecycleConfigSortKey = {
      CREATION_TIME: "CreationTime",
      LAST_MODIFIED_TIME: "LastModifiedTime",
      NAME: "Name"
    };
    var NotebookInstanceLifecycleConfigSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var NotebookInstanceSortKey = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var NotebookInstanceSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var ListOptimizationJobsSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name",
      STATUS: "Status"
    };
    var SortPipelineExecutionsBy = {
      CREATION_TIME: "CreationTime",
      PIPELINE_EXECUTION_ARN: "PipelineExecutionArn"
    };
    var StepStatus = {
      EXECUTING: "Executing",
      FAILED: "Failed",
      STARTING: "Starting",
      STOPPED: "Stopped",
      STOPPING: "Stopping",
      SUCCEEDED: "Succeeded"
    };
    var SortPipelinesBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ProjectSortBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var ProjectSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var ResourceCatalogSortBy = {
      CREATION_TIME: "CreationTime"
    };
    var ResourceCatalogSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var SpaceSortKey = {
      CreationTime: "CreationTime",
      LastModifiedTime: "LastModifiedTime"
    };
    var StudioLifecycleConfigSortKey = {
      CreationTime: "CreationTime",
      LastModifiedTime: "LastModifiedTime",
      Name: "Name"
    };
    var TrainingJobSortByOptions = {
      CreationTime: "CreationTime",
      FinalObjectiveMetricValue: "FinalObjectiveMetricValue",
      Name: "Name",
      Status: "Status"
    };
    var TrainingPlanFilterName = {
      STATUS: "Status"
    };
    var TrainingPlanSortBy = {
      NAME: "TrainingPlanName",
      START_TIME: "StartTime",
      STATUS: "Status"
    };
    var TrainingPlanSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var SortTrialComponentsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var SortTrialsBy = {
      CREATION_TIME: "CreationTime",
      NAME: "Name"
    };
    var UltraServerHealthStatus = {
      IMPAIRED: "Impaired",
      INSUFFICIENT_DATA: "Insufficient-Data",
      OK: "OK"
    };
    var UserProfileSortKey = {
      CreationTime: "CreationTime",
      LastModifiedTime: "LastModifiedTime"
    };
    var ListWorkforcesSortByOptions = {
      CreateDate: "CreateDate",
      Name: "Name"
    };
    var ListWorkteamsSortByOptions = {
      CreateDate: "CreateDate",
      Name: "Name"
    };
    var ModelVariantAction = {
      PROMOTE: "Promote",
      REMOVE: "Remove",
      RETAIN: "Retain"
    };
    var Relation = {
      EQUAL_TO: "EqualTo",
      GREATER_THAN_OR_EQUAL_TO: "GreaterThanOrEqualTo"
    };
    var SearchSortOrder = {
      ASCENDING: "Ascending",
      DESCENDING: "Descending"
    };
    var VariantPropertyType = {
      DataCaptureConfig: "DataCaptureConfig",
      DesiredInstanceCount: "DesiredInstanceCount",
      DesiredWeight: "DesiredWeight"
    };
    exports.AIAdapterModelPackageEntry$ = AIAdapterModelPackageEntry$;
    exports.AIAdapterS3Entry$ = AIAdapterS3Entry$;
    exports.AIAdapterSource$ = AIAdapterSource$;
    exports.AIBenchmarkEndpoint$ = AIBenchmarkEndpoint$;
    exports.AIBenchmarkInferenceComponent$ = AIBenchmarkInferenceComponent$;
    exports.AIBenchmarkJobStatus = AIBenchmarkJobStatus;
    exports.AIBenchmarkJobSummary$ = AIBenchmarkJobSummary$;
    exports.AIBenchmarkNetworkConfig$ = AIBenchmarkNetworkConfig$;
    exports.AIBenchmarkOutputConfig$ = AIBenchmarkOutputConfig$;
    exports.AIBenchmarkOutputResult$ = AIBenchmarkOutputResult$;
    exports.AIBenchmarkTarget$ = AIBenchmarkTarget$;
    exports.AICapacityReservationConfig$ = AICapacityReservationConfig$;
    exports.AICapacityReservationPreference = AICapacityReservationPreference;
    exports.AICloudWatchLogs$ = AICloudWatchLogs$;
    exports.AIDatasetConfig$ = AIDatasetConfig$;
    exports.AIMlflowConfig$ = AIMlflowConfig$;
    exports.AIModelSource$ = AIModelSource$;
    exports.AIModelSourceS3$ = AIModelSourceS3$;
    exports.AIRecommendation$ = AIRecommendation$;
    exports.AIRecommendationAdapterDetails$ = AIRecommendationAdapterDetails$;
    exports.AIRecommendationComputeSpec$ = AIRecommendationComputeSpec$;
    exports.AIRecommendationConstraint$ = AIRecommendationConstraint$;
    exports.AIRecommendationDeploymentConfiguration$ = AIRecommendationDeploymentConfiguration$;
    exports.AIRecommendationDeploymentS3Channel$ = AIRecommendationDeploymentS3Channel$;
    exports.AIRecommendationInferenceFramework = AIRecommendationInferenceFramework;
    exports.AIRecommendationInferenceSpecification$ = AIRecommendationInferenceSpecification$;
    exports.AIRecommendationInstanceDetail$ = AIRecommendationInstanceDetail$;
    exports.AIRecommendationInstanceType = AIRecommendationInstanceType;
    exports.AIRecommendationJobStatus = AIRecommendationJobStatus;
    exports.AIRecommendationJobSummary$ = AIRecommendationJobSummary$;
    exports.AIRecommendationMetric = AIRecommendationMetric;
    exports.AIRecommendationModelDetails$ = AIRecommendationModelDetails$;
    exports.AIRecommendationOptimizationDetail$ = AIRecommendationOptimizationDetail$;
    exports.AIRecommendationOptimizationType = AIRecommendationOptimizationType;
    exports.AIRecommendationOutputConfig$ = AIRecommendationOutputConfig$;
    exports.AIRecommendationOutputResult$ = AIRecommendationOutputResult$;
    exports.AIRecommendationPerformanceMetric$ = AIRecommendationPerformanceMetric$;
    exports.AIRecommendationPerformanceTarget$ = AIRecommendationPerformanceTarget$;
    exports.AIWorkloadConfigSummary$ = AIWorkloadConfigSummary$;
    exports.AIWorkloadConfigs$ = AIWorkloadConfigs$;
    exports.AIWorkloadDataSource$ = AIWorkloadDataSource$;
    exports.AIWorkloadInputDataConfig$ = AIWorkloadInputDataConfig$;
    exports.AIWorkloadS3DataSource$ = AIWorkloadS3DataSource$;
    exports.AcceleratorPartitionConfig$ = AcceleratorPartitionConfig$;
    exports.AccountDefaultStatus = AccountDefaultStatus;
    exports.ActionSource$ = ActionSource$;
    exports.ActionStatus = ActionStatus;
    exports.ActionSummary$ = ActionSummary$;
    exports.ActivationState = ActivationState;
    exports.ActiveClusterOperationName = ActiveClusterOperationName;
    exports.AddAssociation$ = AddAssociation$;
    exports.AddAssociationCommand = AddAssociationCommand;
    exports.AddAssociationRequest$ = AddAssociationRequest$;
    exports.AddAssociationResponse$ = AddAssociationResponse$;
    exports.AddClusterNodeSpecification$ = AddClusterNodeSpecification$;
    exports.AddTags$ = AddTags$;
    exports.AddTagsCommand = AddTagsCommand;
    exports.AddTagsInput$ = AddTagsInput$;
    exports.AddTagsOutput$ = AddTagsOutput$;
    exports.AdditionalEnis$ = AdditionalEnis$;
    exports.AdditionalInferenceSpecificationDefinition$ = AdditionalInferenceSpecificationDefinition$;
    exports.AdditionalModelDataSource$ = AdditionalModelDataSource$;
    exports.AdditionalS3DataSource$ = AdditionalS3DataSource$;
    exports.AdditionalS3DataSourceDataType = AdditionalS3DataSourceDataType;
    exports.AgentVersion$ = AgentVersion$;
    exports.AggregationTransformationValue = AggregationTransformationValue;
    exports.Alarm$ = Alarm$;
    exports.AlarmDetails$ = AlarmDetails$;
    exports.AlgorithmSortBy = AlgorithmSortBy;
    exports.AlgorithmSpecification$ = AlgorithmSpecification$;
    exports.AlgorithmStatus = AlgorithmStatus;
    exports.AlgorithmStatusDetails$ = AlgorithmStatusDetails$;
    exports.AlgorithmStatusItem$ = AlgorithmStatusItem$;
    exports.AlgorithmSummary$ = AlgorithmSummary$;
    exports.AlgorithmValidationProfile$ = AlgorithmValidationProfile$;
    exports.AlgorithmValidationSpecification$ = AlgorithmValidationSpecification$;
    exports.AmazonQSettings$ = AmazonQSettings$;
    exports.AnnotationConsolidationConfig$ = AnnotationConsolidationConfig$;
    exports.AppDetails$ = AppDetails$;
    exports.AppImageConfigDetails$ = AppImageConfigDetails$;
    exports.AppImageConfigSortKey = AppImageConfigSortKey;
    exports.AppInstanceType = AppInstanceType;
    exports.AppLifecycleManagement$ = AppLifecycleManagement$;
    exports.AppNetworkAccessType = AppNetworkAccessType;
    exports.AppSecurityGroupManagement = AppSecurityGroupManagement;
    exports.AppSortKey = AppSortKey;
    exports.AppSpecification$ = AppSpecification$;
    exports.AppStatus = AppStatus;
    exports.AppType = AppType;
    exports.ArtifactSource$ = ArtifactSource$;
    exports.ArtifactSourceIdType = ArtifactSourceIdType;
    exports.ArtifactSourceType$ = ArtifactSourceType$;
    exports.ArtifactSummary$ = ArtifactSummary$;
    exports.AssemblyType = AssemblyType;
    exports.AssociateTrialComponent$ = AssociateTrialComponent$;
    exports.AssociateTrialComponentCommand = AssociateTrialComponentCommand;
    exports.AssociateTrialComponentRequest$ = AssociateTrialComponentRequest$;
    exports.AssociateTrialComponentResponse$ = AssociateTrialComponentResponse$;
    exports.AssociationEdgeType = AssociationEdgeType;
    exports.AssociationInfo$ = AssociationInfo$;
    exports.AssociationSummary$ = AssociationSummary$;
    exports.AsyncInferenceClientConfig$ = AsyncInferenceClientConfig$;
    exports.AsyncInferenceConfig$ = AsyncInferenceConfig$;
    exports.AsyncInferenceNotificationConfig$ = AsyncInferenceNotificationConfig$;
    exports.AsyncInferenceOutputConfig$ = AsyncInferenceOutputConfig$;
    exports.AsyncNotificationTopicTypes = AsyncNotificationTopicTypes;
    exports.AthenaDatasetDefinition$ = AthenaDatasetDefinition$;
    exports.AthenaResultCompressionType = AthenaResultCompressionType;
    exports.AthenaResultFormat = AthenaResultFormat;
    exports.AttachClusterNodeNetworkInterface$ = AttachClusterNodeNetworkInterface$;
    exports.AttachClusterNodeNetworkInterfaceCommand = AttachClusterNodeNetworkInterfaceCommand;
    exports.AttachClusterNodeNetworkInterfaceRequest$ = AttachClusterNodeNetworkInterfaceRequest$;
    exports.AttachClusterNodeNetworkInterfaceResponse$ = AttachClusterNodeNetworkInterfaceResponse$;
    exports.AttachClusterNodeVolume$ = AttachClusterNodeVolume$;
    exports.AttachClusterNodeVolumeCommand = AttachClusterNodeVolumeCommand;
    exports.AttachClusterNodeVolumeRequest$ = AttachClusterNodeVolumeRequest$;
    exports.AttachClusterNodeVolumeResponse$ = AttachClusterNodeVolumeResponse$;
    exports.AuthMode = AuthMode;
    exports.AuthorizedUrl$ = AuthorizedUrl$;
    exports.AutoMLAlgorithm = AutoMLAlgorithm;
    exports.AutoMLAlgorithmConfig$ = AutoMLAlgorithmConfig$;
    exports.AutoMLCandidate$ = AutoMLCandidate$;
    exports.AutoMLCandidateGenerationConfig$ = AutoMLCandidateGenerationConfig$;
    exports.AutoMLCandidateStep$ = AutoMLCandidateStep$;
    exports.AutoMLChannel$ = AutoMLChannel$;
    exports.AutoMLChannelType = AutoMLChannelType;
    exports.AutoMLComputeConfig$ = AutoMLComputeConfig$;
    exports.AutoMLContainerDefinition$ = AutoMLContainerDefinition$;
    exports.AutoMLDataSource$ = AutoMLDataSource$;
    exports.AutoMLDataSplitConfig$ = AutoMLDataSplitConfig$;
    exports.AutoMLJobArtifacts$ = AutoMLJobArtifacts$;
    exports.AutoMLJobChannel$ = AutoMLJobChannel$;
    exports.AutoMLJobCompletionCriteria$ = AutoMLJobCompletionCriteria$;
    exports.AutoMLJobConfig$ = AutoMLJobConfig$;
    exports.AutoMLJobObjective$ = AutoMLJobObjective$;
    exports.AutoMLJobObjectiveType = AutoMLJobObjectiveType;
    exports.AutoMLJobSecondaryStatus = AutoMLJobSecondaryStatus;
    exports.AutoMLJobStatus = AutoMLJobStatus;
    exports.AutoMLJobStepMetadata$ = AutoMLJobStepMetadata$;
    exports.AutoMLJobSummary$ = AutoMLJobSummary$;
    exports.AutoMLMetricEnum = AutoMLMetricEnum;
    exports.AutoMLMetricExtendedEnum = AutoMLMetricExtendedEnum;
    exports.AutoMLMode = AutoMLMode;
    exports.AutoMLOutputDataConfig$ = AutoMLOutputDataConfig$;
    exports.AutoMLPartialFailureReason$ = AutoMLPartialFailureReason$;
    exports.AutoMLProblemTypeConfig$ = AutoMLProblemTypeConfig$;
    exports.AutoMLProblemTypeConfigName = AutoMLProblemTypeConfigName;
    exports.AutoMLProblemTypeResolvedAttributes$ = AutoMLProblemTypeResolvedAttributes$;
    exports.AutoMLProcessingUnit = AutoMLProcessingUnit;
    exports.AutoMLResolvedAttributes$ = AutoMLResolvedAttributes$;
    exports.AutoMLS3DataSource$ = AutoMLS3DataSource$;
    exports.AutoMLS3DataType = AutoMLS3DataType;
    exports.AutoMLSecurityConfig$ = AutoMLSecurityConfig$;
    exports.AutoMLSortBy = AutoMLSortBy;
    exports.AutoMLSortOrder = AutoMLSortOrder;
    exports.AutoMountHomeEFS = AutoMountHomeEFS;
    exports.AutoParameter$ = AutoParameter$;
    exports.AutoRollbackConfig$ = AutoRollbackConfig$;
    exports.Autotune$ = Autotune$;
    exports.AutotuneMode = AutotuneMode;
    exports.AvailabilityZoneBalanceEnforcementMode = AvailabilityZoneBalanceEnforcementMode;
    exports.AvailableUpgrade$ = AvailableUpgrade$;
    exports.AwsManagedHumanLoopRequestSource = AwsManagedHumanLoopRequestSource;
    exports.BaseModel$ = BaseModel$;
    exports.BatchAddClusterNodes$ = BatchAddClusterNodes$;
    exports.BatchAddClusterNodesCommand = BatchAddClusterNodesCommand;
    exports.BatchAddClusterNodesError$ = BatchAddClusterNodesError$;
    exports.BatchAddClusterNodesErrorCode = BatchAddClusterNodesErrorCode;
    exports.BatchAddClusterNodesRequest$ = BatchAddClusterNodesRequest$;
    exports.BatchAddClusterNodesResponse$ = BatchAddClusterNodesResponse$;
    exports.BatchDataCaptureConfig$ = BatchDataCaptureConfig$;
    exports.BatchDeleteClusterNodeLogicalIdsError$ = BatchDeleteClusterNodeLogicalIdsError$;
    exports.BatchDeleteClusterNodes$ = BatchDeleteClusterNodes$;
    exports.BatchDeleteClusterNodesCommand = BatchDeleteClusterNodesCommand;
    exports.BatchDeleteClusterNodesError$ = BatchDeleteClusterNodesError$;
    exports.BatchDeleteClusterNodesErrorCode = BatchDeleteClusterNodesErrorCode;
    exports.BatchDeleteClusterNodesRequest$ = BatchDeleteClusterNodesRequest$;
    exports.BatchDeleteClusterNodesResponse$ = BatchDeleteClusterNodesResponse$;
    exports.BatchDescribeModelPackage$ = BatchDescribeModelPackage$;
    exports.BatchDescribeModelPackageCommand = BatchDescribeModelPackageCommand;
    exports.BatchDescribeModelPackageError$ = BatchDescribeModelPackageError$;
    exports.BatchDescribeModelPackageInput$ = BatchDescribeModelPackageInput$;
    exports.BatchDescribeModelPackageOutput$ = BatchDescribeModelPackageOutput$;
    exports.BatchDescribeModelPackageSummary$ = BatchDescribeModelPackageSummary$;
    exports.BatchRebootClusterNodeLogicalIdsError$ = BatchRebootClusterNodeLogicalIdsError$;
    exports.BatchRebootClusterNodes$ = BatchRebootClusterNodes$;
    exports.BatchRebootClusterNodesCommand = BatchRebootClusterNodesCommand;
    exports.BatchRebootClusterNodesError$ = BatchRebootClusterNodesError$;
    exports.BatchRebootClusterNodesErrorCode = BatchRebootClusterNodesErrorCode;
    exports.BatchRebootClusterNodesRequest$ = BatchRebootClusterNodesRequest$;
    exports.BatchRebootClusterNodesResponse$ = BatchRebootClusterNodesResponse$;
    exports.BatchReplaceClusterNodeLogicalIdsError$ = BatchReplaceClusterNodeLogicalIdsError$;
    exports.BatchReplaceClusterNodes$ = BatchReplaceClusterNodes$;
    exports.BatchReplaceClusterNodesCommand = BatchReplaceClusterNodesCommand;
    exports.BatchReplaceClusterNodesError$ = BatchReplaceClusterNodesError$;
    exports.BatchReplaceClusterNodesErrorCode = BatchReplaceClusterNodesErrorCode;
    exports.BatchReplaceClusterNodesRequest$ = BatchReplaceClusterNodesRequest$;
    exports.BatchReplaceClusterNodesResponse$ = BatchReplaceClusterNodesResponse$;
    exports.BatchStrategy = BatchStrategy;
    exports.BatchTransformInput$ = BatchTransformInput$;
    exports.BedrockCustomModelDeploymentMetadata$ = BedrockCustomModelDeploymentMetadata$;
    exports.BedrockCustomModelMetadata$ = BedrockCustomModelMetadata$;
    exports.BedrockModelImportMetadata$ = BedrockModelImportMetadata$;
    exports.BedrockProvisionedModelThroughputMetadata$ = BedrockProvisionedModelThroughputMetadata$;
    exports.BestObjectiveNotImproving$ = BestObjectiveNotImproving$;
    exports.Bias$ = Bias$;
    exports.BlueGreenUpdatePolicy$ = BlueGreenUpdatePolicy$;
    exports.BooleanOperator = BooleanOperator;
    exports.CacheHitResult$ = CacheHitResult$;
    exports.CallbackStepMetadata$ = CallbackStepMetadata$;
    exports.CandidateArtifactLocations$ = CandidateArtifactLocations$;
    exports.CandidateGenerationConfig$ = CandidateGenerationConfig$;
    exports.CandidateProperties$ = CandidateProperties$;
    exports.CandidateSortBy = CandidateSortBy;
    exports.CandidateStatus = CandidateStatus;
    exports.CandidateStepType = CandidateStepType;
    exports.CanvasAppSettings$ = CanvasAppSettings$;
    exports.CapacityReservation$ = CapacityReservation$;
    exports.CapacityReservationPreference = CapacityReservationPreference;
    exports.CapacityReservationType = CapacityReservationType;
    exports.CapacitySize$ = CapacitySize$;
    exports.CapacitySizeConfig$ = CapacitySizeConfig$;
    exports.CapacitySizeType = CapacitySizeType;
    exports.CaptureContentTypeHeader$ = CaptureContentTypeHeader$;
    exports.CaptureMode = CaptureMode;
    exports.CaptureOption$ = CaptureOption$;
    exports.CaptureStatus = CaptureStatus;
    exports.CategoricalParameter$ = CategoricalParameter$;
    exports.CategoricalParameterRange$ = CategoricalParameterRange$;
    exports.CategoricalParameterRangeSpecification$ = CategoricalParameterRangeSpecification$;
    exports.CfnCreateTemplateProvider$ = CfnCreateTemplateProvider$;
    exports.CfnStackCreateParameter$ = CfnStackCreateParameter$;
    exports.CfnStackDetail$ = CfnStackDetail$;
    exports.CfnStackParameter$ = CfnStackParameter$;
    exports.CfnStackUpdateParameter$ = CfnStackUpdateParameter$;
    exports.CfnTemplateProviderDetail$ = CfnTemplateProviderDetail$;
    exports.CfnUpdateTemplateProvider$ = CfnUpdateTemplateProvider$;
    exports.Channel$ = Channel$;
    exports.ChannelSpecification$ = ChannelSpecification$;
    exports.CheckpointConfig$ = CheckpointConfig$;
    exports.ClarifyCheckStepMetadata$ = ClarifyCheckStepMetadata$;
    exports.ClarifyExplainerConfig$ = ClarifyExplainerConfig$;
    exports.ClarifyFeatureType = ClarifyFeatureType;
    exports.ClarifyInferenceConfig$ = ClarifyInferenceConfig$;
    exports.ClarifyShapBaselineConfig$ = ClarifyShapBaselineConfig$;
    exports.ClarifyShapConfig$ = ClarifyShapConfig$;
    exports.ClarifyTextConfig$ = ClarifyTextConfig$;
    exports.ClarifyTextGranularity = ClarifyTextGranularity;
    exports.ClarifyTextLanguage = ClarifyTextLanguage;
    exports.ClusterAutoPatchConfig$ = ClusterAutoPatchConfig$;
    exports.ClusterAutoPatchConfigDetails$ = ClusterAutoPatchConfigDetails$;
    exports.ClusterAutoScalerType = ClusterAutoScalerType;
    exports.ClusterAutoScalingConfig$ = ClusterAutoScalingConfig$;
    exports.ClusterAutoScalingConfigOutput$ = ClusterAutoScalingConfigOutput$;
    exports.ClusterAutoScalingMode = ClusterAutoScalingMode;
    exports.ClusterAutoScalingStatus = ClusterAutoScalingStatus;
    exports.ClusterCapacityRequirements$ = ClusterCapacityRequirements$;
    exports.ClusterCapacityType = ClusterCapacityType;
    exports.ClusterConfigMode = ClusterConfigMode;
    exports.ClusterEbsVolumeConfig$ = ClusterEbsVolumeConfig$;
    exports.ClusterEventDetail$ = ClusterEventDetail$;
    exports.ClusterEventLevel = ClusterEventLevel;
    exports.ClusterEventResourceType = ClusterEventResourceType;
    exports.ClusterEventSummary$ = ClusterEventSummary$;
    exports.ClusterFSxLustreDeletionPolicy = ClusterFSxLustreDeletionPolicy;
    exports.ClusterFsxLustreConfig$ = ClusterFsxLustreConfig$;
    exports.ClusterFsxOpenZfsConfig$ = ClusterFsxOpenZfsConfig$;
    exports.ClusterImageVersionStatus = ClusterImageVersionStatus;
    exports.ClusterInstanceGroupDetails$ = ClusterInstanceGroupDetails$;
    exports.ClusterInstanceGroupSpecification$ = ClusterInstanceGroupSpecification$;
    exports.ClusterInstancePlacement$ = ClusterInstancePlacement$;
    exports.ClusterInstanceRequirementDetails$ = ClusterInstanceRequirementDetails$;
    exports.ClusterInstanceRequirements$ = ClusterInstanceRequirements$;
    exports.ClusterInstanceStatus = ClusterInstanceStatus;
    exports.ClusterInstanceStatusDetails$ = ClusterInstanceStatusDetails$;
    exports.ClusterInstanceStorageConfig$ = ClusterInstanceStorageConfig$;
    exports.ClusterInstanceType = ClusterInstanceType;
    exports.ClusterInstanceTypeDetail$ = ClusterInstanceTypeDetail$;
    exports.ClusterInterfaceType = ClusterInterfaceType;
    exports.ClusterKubernetesConfig$ = ClusterKubernetesConfig$;
    exports.ClusterKubernetesConfigDetails$ = ClusterKubernetesConfigDetails$;
    exports.ClusterKubernetesConfigNodeDetails$ = ClusterKubernetesConfigNodeDetails$;
    exports.ClusterKubernetesTaint$ = ClusterKubernetesTaint$;
    exports.ClusterKubernetesTaintEffect = ClusterKubernetesTaintEffect;
    exports.ClusterLifeCycleConfig$ = ClusterLifeCycleConfig$;
    exports.ClusterMetadata$ = ClusterMetadata$;
    exports.ClusterNetworkInterface$ = ClusterNetworkInterface$;
    exports.ClusterNetworkInterfaceDetails$ = ClusterNetworkInterfaceDetails$;
    exports.ClusterNodeDetails$ = ClusterNodeDetails$;
    exports.ClusterNodeProvisioningMode = ClusterNodeProvisioningMode;
    exports.ClusterNodeRecovery = ClusterNodeRecovery;
    exports.ClusterNodeSummary$ = ClusterNodeSummary$;
    exports.ClusterOnDemandOptions$ = ClusterOnDemandOptions$;
    exports.ClusterOrchestrator$ = ClusterOrchestrator$;
    exports.ClusterOrchestratorEksConfig$ = ClusterOrchestratorEksConfig$;
    exports.ClusterOrchestratorSlurmConfig$ = ClusterOrchestratorSlurmConfig$;
    exports.ClusterPatchSchedule$ = ClusterPatchSchedule$;
    exports.ClusterPatchScheduleDetails$ = ClusterPatchScheduleDetails$;
    exports.ClusterPatchingStrategy = ClusterPatchingStrategy;
    exports.ClusterRestrictedInstanceGroupDetails$ = ClusterRestrictedInstanceGroupDetails$;
    exports.ClusterRestrictedInstanceGroupSpecification$ = ClusterRestrictedInstanceGroupSpecification$;
    exports.ClusterRestrictedInstanceGroupsConfig$ = ClusterRestrictedInstanceGroupsConfig$;
    exports.ClusterRestrictedInstanceGroupsConfigOutput$ = ClusterRestrictedInstanceGroupsConfigOutput$;
    exports.ClusterSchedulerConfigSummary$ = ClusterSchedulerConfigSummary$;
    exports.ClusterSharedEnvironmentConfig$ = ClusterSharedEnvironmentConfig$;
    exports.ClusterSharedEnvironmentConfigDetails$ = ClusterSharedEnvironmentConfigDetails$;
    exports.ClusterSlurmConfig$ = ClusterSlurmConfig$;
    exports.ClusterSlurmConfigDetails$ = ClusterSlurmConfigDetails$;
    exports.ClusterSlurmConfigStrategy = ClusterSlurmConfigStrategy;
    exports.ClusterSlurmNodeType = ClusterSlurmNodeType;
    exports.ClusterSortBy = ClusterSortBy;
    exports.ClusterSpotOptions$ = ClusterSpotOptions$;
    exports.ClusterStatus = ClusterStatus;
    exports.ClusterSummary$ = ClusterSummary$;
    exports.ClusterTieredStorageConfig$ = ClusterTieredStorageConfig$;
    exports.CodeEditorAppImageConfig$ = CodeEditorAppImageConfig$;
    exports.CodeEditorAppSettings$ = CodeEditorAppSettings$;
    exports.CodeRepository$ = CodeRepository$;
    exports.CodeRepositorySortBy = CodeRepositorySortBy;
    exports.CodeRepositorySortOrder = CodeRepositorySortOrder;
    exports.CodeRepositorySummary$ = CodeRepositorySummary$;
    exports.CognitoConfig$ = CognitoConfig$;
    exports.CognitoMemberDefinition$ = CognitoMemberDefinition$;
    exports.CollectionConfig$ = CollectionConfig$;
    exports.CollectionConfiguration$ = CollectionConfiguration$;
    exports.CollectionType = CollectionType;
    exports.CompilationJobStatus = CompilationJobStatus;
    exports.CompilationJobSummary$ = CompilationJobSummary$;
    exports.CompleteOnConvergence = CompleteOnConvergence;
    exports.CompressionType = CompressionType;
    exports.ComputeQuotaConfig$ = ComputeQuotaConfig$;
    exports.ComputeQuotaResourceConfig$ = ComputeQuotaResourceConfig$;
    exports.ComputeQuotaSummary$ = ComputeQuotaSummary$;
    exports.ComputeQuotaTarget$ = ComputeQuotaTarget$;
    exports.ConditionOutcome = ConditionOutcome;
    exports.ConditionStepMetadata$ = ConditionStepMetadata$;
    exports.ConflictException = ConflictException;
    exports.ConflictException$ = ConflictException$;
    exports.ContainerConfig$ = ContainerConfig$;
    exports.ContainerDefinition$ = ContainerDefinition$;
    exports.ContainerMetricsConfig$ = ContainerMetricsConfig$;
    exports.ContainerMode = ContainerMode;
    exports.ContentClassifier = ContentClassifier;
    exports.ContextSource$ = ContextSource$;
    exports.ContextSummary$ = ContextSummary$;
    exports.ContinuousParameterRange$ = ContinuousParameterRange$;
    exports.ContinuousParameterRangeSpecification$ = ContinuousParameterRangeSpecification$;
    exports.ConvergenceDetected$ = ConvergenceDetected$;
    exports.CreateAIBenchmarkJob$ = CreateAIBenchmarkJob$;
    exports.CreateAIBenchmarkJobCommand = CreateAIBenchmarkJobCommand;
    exports.CreateAIBenchmarkJobRequest$ = CreateAIBenchmarkJobRequest$;
    exports.CreateAIBenchmarkJobResponse$ = CreateAIBenchmarkJobResponse$;
    exports.CreateAIRecommendationJob$ = CreateAIRecommendationJob$;
    exports.CreateAIRecommendationJobCommand = CreateAIRecommendationJobCommand;
    exports.CreateAIRecommendationJobRequest$ = CreateAIRecommendationJobRequest$;
    exports.CreateAIRecommendationJobResponse$ = CreateAIRecommendationJobResponse$;
    exports.CreateAIWorkloadConfig$ = CreateAIWorkloadConfig$;
    exports.CreateAIWorkloadConfigCommand = CreateAIWorkloadConfigCommand;
    exports.CreateAIWorkloadConfigRequest$ = CreateAIWorkloadConfigRequest$;
    exports.CreateAIWorkloadConfigResponse$ = CreateAIWorkloadConfigResponse$;
    exports.CreateAction$ = CreateAction$;
    exports.CreateActionCommand = CreateActionCommand;
    exports.CreateActionRequest$ = CreateActionRequest$;
    exports.CreateActionResponse$ = CreateActionResponse$;
    exports.CreateAlgorithm$ = CreateAlgorithm$;
    exports.CreateAlgorithmCommand = CreateAlgorithmCommand;
    exports.CreateAlgorithmInput$ = CreateAlgorithmInput$;
    exports.CreateAlgorithmOutput$ = CreateAlgorithmOutput$;
    exports.CreateApp$ = CreateApp$;
    exports.CreateAppCommand = CreateAppCommand;
    exports.CreateAppImageConfig$ = CreateAppImageConfig$;
    exports.CreateAppImageConfigCommand = CreateAppImageConfigCommand;
    exports.CreateAppImageConfigRequest$ = CreateAppImageConfigRequest$;
    exports.CreateAppImageConfigResponse$ = CreateAppImageConfigResponse$;
    exports.CreateAppRequest$ = CreateAppRequest$;
    exports.CreateAppResponse$ = CreateAppResponse$;
    exports.CreateArtifact$ = CreateArtifact$;
    exports.CreateArtifactCommand = CreateArtifactCommand;
    exports.CreateArtifactRequest$ = CreateArtifactRequest$;
    exports.CreateArtifactResponse$ = CreateArtifactResponse$;
    exports.CreateAutoMLJob$ = CreateAutoMLJob$;
    exports.CreateAutoMLJobCommand = CreateAutoMLJobCommand;
    exports.CreateAutoMLJobRequest$ = CreateAutoMLJobRequest$;
    exports.CreateAutoMLJobResponse$ = CreateAutoMLJobResponse$;
    exports.CreateAutoMLJobV2$ = CreateAutoMLJobV2$;
    exports.CreateAutoMLJobV2Command = CreateAutoMLJobV2Command;
    exports.CreateAutoMLJobV2Request$ = CreateAutoMLJobV2Request$;
    exports.CreateAutoMLJobV2Response$ = CreateAutoMLJobV2Response$;
    exports.CreateCluster$ = CreateCluster$;
    exports.CreateClusterCommand = CreateClusterCommand;
    exports.CreateClusterRequest$ = CreateClusterRequest$;
    exports.CreateClusterResponse$ = CreateClusterResponse$;
    exports.CreateClusterSchedulerConfig$ = CreateClusterSchedulerConfig$;
    exports.CreateClusterSchedulerConfigCommand = CreateClusterSchedulerConfigCommand;
    exports.CreateClusterSchedulerConfigRequest$ = CreateClusterSchedulerConfigRequest$;
    exports.CreateClusterSchedulerConfigResponse$ = CreateClusterSchedulerConfigResponse$;
    exports.CreateCodeRepository$ = CreateCodeRepository$;
    exports.CreateCodeRepositoryCommand = CreateCodeRepositoryCommand;
    exports.CreateCodeRepositoryInput$ = CreateCodeRepositoryInput$;
    exports.CreateCodeRepositoryOutput$ = CreateCodeRepositoryOutput$;
    exports.CreateCompilationJob$ = CreateCompilationJob$;
    exports.CreateCompilationJobCommand = CreateCompilationJobCommand;
    exports.CreateCompilationJobRequest$ = CreateCompilationJobRequest$;
    exports.CreateCompilationJobResponse$ = CreateCompilationJobResponse$;
    exports.CreateComputeQuota$ = CreateComputeQuota$;
    exports.CreateComputeQuotaCommand = CreateComputeQuotaCommand;
    exports.CreateComputeQuotaRequest$ = CreateComputeQuotaRequest$;
    exports.CreateComputeQuotaResponse$ = CreateComputeQuotaResponse$;
    exports.CreateContext$ = CreateContext$;
    exports.CreateContextCommand = CreateContextCommand;
    exports.CreateContextRequest$ = CreateContextRequest$;
    exports.CreateContextResponse$ = CreateContextResponse$;
    exports.CreateDataQualityJobDefinition$ = CreateDataQualityJobDefinition$;
    exports.CreateDataQualityJobDefinitionCommand = CreateDataQualityJobDefinitionCommand;
    exports.CreateDataQualityJobDefinitionRequest$ = CreateDataQualityJobDefinitionRequest$;
    exports.CreateDataQualityJobDefinitionResponse$ = CreateDataQualityJobDefinitionResponse$;
    exports.CreateDeviceFleet$ = CreateDeviceFleet$;
    exports.CreateDeviceFleetCommand = CreateDeviceFleetCommand;
    exports.CreateDeviceFleetRequest$ = CreateDeviceFleetRequest$;
    exports.CreateDomain$ = CreateDomain$;
    exports.CreateDomainCommand = CreateDomainCommand;
    exports.CreateDomainRequest$ = CreateDomainRequest$;
    exports.CreateDomainResponse$ = CreateDomainResponse$;
    exports.CreateEdgeDeploymentPlan$ = CreateEdgeDeploymentPlan$;
    exports.CreateEdgeDeploymentPlanCommand = CreateEdgeDeploymentPlanCommand;
    exports.CreateEdgeDeploymentPlanRequest$ = CreateEdgeDeploymentPlanRequest$;
    exports.CreateEdgeDeploymentPlanResponse$ = CreateEdgeDeploymentPlanResponse$;
    exports.CreateEdgeDeploymentStage$ = CreateEdgeDeploymentStage$;
    exports.CreateEdgeDeploymentStageCommand = CreateEdgeDeploymentStageCommand;
    exports.CreateEdgeDeploymentStageRequest$ = CreateEdgeDeploymentStageRequest$;
    exports.CreateEdgePackagingJob$ = CreateEdgePackagingJob$;
    exports.CreateEdgePackagingJobCommand = CreateEdgePackagingJobCommand;
    exports.CreateEdgePackagingJobRequest$ = CreateEdgePackagingJobRequest$;
    exports.CreateEndpoint$ = CreateEndpoint$;
    exports.CreateEndpointCommand = CreateEndpointCommand;
    exports.CreateEndpointConfig$ = CreateEndpointConfig$;
    exports.CreateEndpointConfigCommand = CreateEndpointConfigCommand;
    exports.CreateEndpointConfigInput$ = CreateEndpointConfigInput$;
    exports.CreateEndpointConfigOutput$ = CreateEndpointConfigOutput$;
    exports.CreateEndpointInput$ = CreateEndpointInput$;
    exports.CreateEndpointOutput$ = CreateEndpointOutput$;
    exports.CreateExperiment$ = CreateExperiment$;
    exports.CreateExperimentCommand = CreateExperimentCommand;
    exports.CreateExperimentRequest$ = CreateExperimentRequest$;
    exports.CreateExperimentResponse$ = CreateExperimentResponse$;
    exports.CreateFeatureGroup$ = CreateFeatureGroup$;
    exports.CreateFeatureGroupCommand = CreateFeatureGroupCommand;
    exports.CreateFeatureGroupRequest$ = CreateFeatureGroupRequest$;
    exports.CreateFeatureGroupResponse$ = CreateFeatureGroupResponse$;
    exports.CreateFlowDefinition$ = CreateFlowDefinition$;
    exports.CreateFlowDefinitionCommand = CreateFlowDefinitionCommand;
    exports.CreateFlowDefinitionRequest$ = CreateFlowDefinitionRequest$;
    exports.CreateFlowDefinitionResponse$ = CreateFlowDefinitionResponse$;
    exports.CreateHub$ = CreateHub$;
    exports.CreateHubCommand = CreateHubCommand;
    exports.CreateHubContentPresignedUrls$ = CreateHubContentPresignedUrls$;
    exports.CreateHubContentPresignedUrlsCommand = CreateHubContentPresignedUrlsCommand;
    exports.CreateHubContentPresignedUrlsRequest$ = CreateHubContentPresignedUrlsRequest$;
    exports.CreateHubContentPresignedUrlsResponse$ = CreateHubContentPresignedUrlsResponse$;
    exports.CreateHubContentReference$ = CreateHubContentReference$;
    exports.CreateHubContentReferenceCommand = CreateHubContentReferenceCommand;
    exports.CreateHubContentReferenceRequest$ = CreateHubContentReferenceRequest$;
    exports.CreateHubContentReferenceResponse$ = CreateHubContentReferenceResponse$;
    exports.CreateHubRequest$ = CreateHubRequest$;
    exports.CreateHubResponse$ = CreateHubResponse$;
    exports.CreateHumanTaskUi$ = CreateHumanTaskUi$;
    exports.CreateHumanTaskUiCommand = CreateHumanTaskUiCommand;
    exports.CreateHumanTaskUiRequest$ = CreateHumanTaskUiRequest$;
    exports.CreateHumanTaskUiResponse$ = CreateHumanTaskUiResponse$;
    exports.CreateHyperParameterTuningJob$ = CreateHyperParameterTuningJob$;
    exports.CreateHyperParameterTuningJobCommand = CreateHyperParameterTuningJobCommand;
    exports.CreateHyperParameterTuningJobRequest$ = CreateHyperParameterTuningJobRequest$;
    exports.CreateHyperParameterTuningJobResponse$ = CreateHyperParameterTuningJobResponse$;
    exports.CreateImage$ = CreateImage$;
    exports.CreateImageCommand = CreateImageCommand;
    exports.CreateImageRequest$ = CreateImageRequest$;
    exports.CreateImageResponse$ = CreateImageResponse$;
    exports.CreateImageVersion$ = CreateImageVersion$;
    exports.CreateImageVersionCommand = CreateImageVersionCommand;
    exports.CreateImageVersionRequest$ = CreateImageVersionRequest$;
    exports.CreateImageVersionResponse$ = CreateImageVersionResponse$;
    exports.CreateInferenceComponent$ = CreateInferenceComponent$;
    exports.CreateInferenceComponentCommand = CreateInferenceComponentCommand;
    exports.CreateInferenceComponentInput$ = CreateInferenceComponentInput$;
    exports.CreateInferenceComponentOutput$ = CreateInferenceComponentOutput$;
    exports.CreateInferenceExperiment$ = CreateInferenceExperiment$;
    exports.CreateInferenceExperimentCommand = CreateInferenceExperimentCommand;
    exports.CreateInferenceExperimentRequest$ = CreateInferenceExperimentRequest$;
    exports.CreateInferenceExperimentResponse$ = CreateInferenceExperimentResponse$;
    exports.CreateInferenceRecommendationsJob$ = CreateInferenceRecommendationsJob$;
    exports.CreateInferenceRecommendationsJobCommand = CreateInferenceRecommendationsJobCommand;
    exports.CreateInferenceRecommendationsJobRequest$ = CreateInferenceRecommendationsJobRequest$;
    exports.CreateInferenceRecommendationsJobResponse$ = CreateInferenceRecommendationsJobResponse$;
    exports.CreateJob$ = CreateJob$;
    exports.CreateJobCommand = CreateJobCommand;
    exports.CreateJobRequest$ = CreateJobRequest$;
    exports.CreateJobResponse$ = CreateJobResponse$;
    exports.CreateLabelingJob$ = CreateLabelingJob$;
    exports.CreateLabelingJobCommand = CreateLabelingJobCommand;
    exports.CreateLabelingJobRequest$ = CreateLabelingJobRequest$;
    exports.CreateLabelingJobResponse$ = CreateLabelingJobResponse$;
    exports.CreateMlflowApp$ = CreateMlflowApp$;
    exports.CreateMlflowAppCommand = CreateMlflowAppCommand;
    exports.CreateMlflowAppRequest$ = CreateMlflowAppRequest$;
    exports.CreateMlflowAppResponse$ = CreateMlflowAppResponse$;
    exports.CreateMlflowTrackingServer$ = CreateMlflowTrackingServer$;
    exports.CreateMlflowTrackingServerCommand = CreateMlflowTrackingServerCommand;
    exports.CreateMlflowTrackingServerRequest$ = CreateMlflowTrackingServerRequest$;
    exports.CreateMlflowTrackingServerResponse$ = CreateMlflowTrackingServerResponse$;
    exports.CreateModel$ = CreateModel$;
    exports.CreateModelBiasJobDefinition$ = CreateModelBiasJobDefinition$;
    exports.CreateModelBiasJobDefinitionCommand = CreateModelBiasJobDefinitionCommand;
    exports.CreateModelBiasJobDefinitionRequest$ = CreateModelBiasJobDefinitionRequest$;
    exports.CreateModelBiasJobDefinitionResponse$ = CreateModelBiasJobDefinitionResponse$;
    exports.CreateModelCard$ = CreateModelCard$;
    exports.CreateModelCardCommand = CreateModelCardCommand;
    exports.CreateModelCardExportJob$ = CreateModelCardExportJob$;
    exports.CreateModelCardExportJobCommand = CreateModelCardExportJobCommand;
    exports.CreateModelCardExportJobRequest$ = CreateModelCardExportJobRequest$;
    exports.CreateModelCardExportJobResponse$ = CreateModelCardExportJobResponse$;
    exports.CreateModelCardRequest$ = CreateModelCardRequest$;
    exports.CreateModelCardResponse$ = CreateModelCardResponse$;
    exports.CreateModelCommand = CreateModelCommand;
    exports.CreateModelExplainabilityJobDefinition$ = CreateModelExplainabilityJobDefinition$;
    exports.CreateModelExplainabilityJobDefinitionCommand = CreateModelExplainabilityJobDefinitionCommand;
    exports.CreateModelExplainabilityJobDefinitionRequest$ = CreateModelExplainabilityJobDefinitionRequest$;
    exports.CreateModelExplainabilityJobDefinitionResponse$ = CreateModelExplainabilityJobDefinitionResponse$;
    exports.CreateModelInput$ = CreateModelInput$;
    exports.CreateModelOutput$ = CreateModelOutput$;
    exports.CreateModelPackage$ = CreateModelPackage$;
    exports.CreateModelPackageCommand = CreateModelPackageCommand;
    exports.CreateModelPackageGroup$ = CreateModelPackageGroup$;
    exports.CreateModelPackageGroupCommand = CreateModelPackageGroupCommand;
    exports.CreateModelPackageGroupInput$ = CreateModelPackageGroupInput$;
    exports.CreateModelPackageGroupOutput$ = CreateModelPackageGroupOutput$;
    exports.CreateModelPackageInput$ = CreateModelPackageInput$;
    exports.CreateModelPackageOutput$ = CreateModelPackageOutput$;
    exports.CreateModelQualityJobDefinition$ = CreateModelQualityJobDefinition$;
    exports.CreateModelQualityJobDefinitionCommand = CreateModelQualityJobDefinitionCommand;
    exports.CreateModelQualityJobDefinitionRequest$ = CreateModelQualityJobDefinitionRequest$;
    exports.CreateModelQualityJobDefinitionResponse$ = CreateModelQualityJobDefinitionResponse$;
    exports.CreateMonitoringSchedule$ = CreateMonitoringSchedule$;
    exports.CreateMonitoringScheduleCommand = CreateMonitoringScheduleCommand;
    exports.CreateMonitoringScheduleRequest$ = CreateMonitoringScheduleRequest$;
    exports.CreateMonitoringScheduleResponse$ = CreateMonitoringScheduleResponse$;
    exports.CreateNotebookInstance$ = CreateNotebookInstance$;
    exports.CreateNotebookInstanceCommand = CreateNotebookInstanceCommand;
    exports.CreateNotebookInstanceInput$ = CreateNotebookInstanceInput$;
    exports.CreateNotebookInstanceLifecycleConfig$ = CreateNotebookInstanceLifecycleConfig$;
    exports.CreateNotebookInstanceLifecycleConfigCommand = CreateNotebookInstanceLifecycleConfigCommand;
    exports.CreateNotebookInstanceLifecycleConfigInput$ = CreateNotebookInstanceLifecycleConfigInput$;
    exports.CreateNotebookInstanceLifecycleConfigOutput$ = CreateNotebookInstanceLifecycleConfigOutput$;
    exports.CreateNotebookInstanceOutput$ = CreateNotebookInstanceOutput$;
    exports.CreateOptimizationJob$ = CreateOptimizationJob$;
    exports.CreateOptimizationJobCommand = CreateOptimizationJobCommand;
    exports.CreateOptimizationJobRequest$ = CreateOptimizationJobRequest$;
    exports.CreateOptimizationJobResponse$ = CreateOptimizationJobResponse$;
    exports.CreatePartnerApp$ = CreatePartnerApp$;
    exports.CreatePartnerAppCommand = CreatePartnerAppCommand;
    exports.CreatePartnerAppPresignedUrl$ = CreatePartnerAppPresignedUrl$;
    exports.CreatePartnerAppPresignedUrlCommand = CreatePartnerAppPresignedUrlCommand;
    exports.CreatePartnerAppPresignedUrlRequest$ = CreatePartnerAppPresignedUrlRequest$;
    exports.CreatePartnerAppPresignedUrlResponse$ = CreatePartnerAppPresignedUrlResponse$;
    exports.CreatePartnerAppRequest$ = CreatePartnerAppRequest$;
    exports.CreatePartnerAppResponse$ = CreatePartnerAppResponse$;
    exports.CreatePipeline$ = CreatePipeline$;
    exports.CreatePipelineCommand = CreatePipelineCommand;
    exports.CreatePipelineRequest$ = CreatePipelineRequest$;
    exports.CreatePipelineResponse$ = CreatePipelineResponse$;
    exports.CreatePresignedDomainUrl$ = CreatePresignedDomainUrl$;
    exports.CreatePresignedDomainUrlCommand = CreatePresignedDomainUrlCommand;
    exports.CreatePresignedDomainUrlRequest$ = CreatePresignedDomainUrlRequest$;
    exports.CreatePresignedDomainUrlResponse$ = CreatePresignedDomainUrlResponse$;
    exports.CreatePresignedMlflowAppUrl$ = CreatePresignedMlflowAppUrl$;
    exports.CreatePresignedMlflowAppUrlCommand = CreatePresignedMlflowAppUrlCommand;
    exports.CreatePresignedMlflowAppUrlRequest$ = CreatePresignedMlflowAppUrlRequest$;
    exports.CreatePresignedMlflowAppUrlResponse$ = CreatePresignedMlflowAppUrlResponse$;
    exports.CreatePresignedMlflowTrackingServerUrl$ = CreatePresignedMlflowTrackingServerUrl$;
    exports.CreatePresignedMlflowTrackingServerUrlCommand = CreatePresignedMlflowTrackingServerUrlCommand;
    exports.CreatePresignedMlflowTrackingServerUrlRequest$ = CreatePresignedMlflowTrackingServerUrlRequest$;
    exports.CreatePresignedMlflowTrackingServerUrlResponse$ = CreatePresignedMlflowTrackingServerUrlResponse$;
    exports.CreatePresignedNotebookInstanceUrl$ = CreatePresignedNotebookInstanceUrl$;
    exports.CreatePresignedNotebookInstanceUrlCommand = CreatePresignedNotebookInstanceUrlCommand;
    exports.CreatePresignedNotebookInstanceUrlInput$ = CreatePresignedNotebookInstanceUrlInput$;
    exports.CreatePresignedNotebookInstanceUrlOutput$ = CreatePresignedNotebookInstanceUrlOutput$;
    exports.CreateProcessingJob$ = CreateProcessingJob$;
    exports.CreateProcessingJobCommand = CreateProcessingJobCommand;
    exports.CreateProcessingJobRequest$ = CreateProcessingJobRequest$;
    exports.CreateProcessingJobResponse$ = CreateProcessingJobResponse$;
    exports.CreateProject$ = CreateProject$;
    exports.CreateProjectCommand = CreateProjectCommand;
    exports.CreateProjectInput$ = CreateProjectInput$;
    exports.CreateProjectOutput$ = CreateProjectOutput$;
    exports.CreateSpace$ = CreateSpace$;
    exports.CreateSpaceCommand = CreateSpaceCommand;
    exports.CreateSpaceRequest$ = CreateSpaceRequest$;
    exports.CreateSpaceResponse$ = CreateSpaceResponse$;
    exports.CreateStudioLifecycleConfig$ = CreateStudioLifecycleConfig$;
    exports.CreateStudioLifecycleConfigCommand = CreateStudioLifecycleConfigCommand;
    exports.CreateStudioLifecycleConfigRequest$ = CreateStudioLifecycleConfigRequest$;
    exports.CreateStudioLifecycleConfigResponse$ = CreateStudioLifecycleConfigResponse$;
    exports.CreateTemplateProvider$ = CreateTemplateProvider$;
    exports.CreateTrainingJob$ = CreateTrainingJob$;
    exports.CreateTrainingJobCommand = CreateTrainingJobCommand;
    exports.CreateTrainingJobRequest$ = CreateTrainingJobRequest$;
    exports.CreateTrainingJobResponse$ = CreateTrainingJobResponse$;
    exports.CreateTrainingPlan$ = CreateTrainingPlan$;
    exports.CreateTrainingPlanCommand = CreateTrainingPlanCommand;
    exports.CreateTrainingPlanRequest$ = CreateTrainingPlanRequest$;
    exports.CreateTrainingPlanResponse$ = CreateTrainingPlanResponse$;
    exports.CreateTransformJob$ = CreateTransformJob$;
    exports.CreateTransformJobCommand = CreateTransformJobCommand;
    exports.CreateTransformJobRequest$ = CreateTransformJobRequest$;
    exports.CreateTransformJobResponse$ = CreateTransformJobResponse$;
    exports.CreateTrial$ = CreateTrial$;
    exports.CreateTrialCommand = CreateTrialCommand;
    exports.CreateTrialComponent$ = CreateTrialComponent$;
    exports.CreateTrialComponentCommand = CreateTrialComponentCommand;
    exports.CreateTrialComponentRequest$ = CreateTrialComponentRequest$;
    exports.CreateTrialComponentResponse$ = CreateTrialComponentResponse$;
    exports.CreateTrialRequest$ = CreateTrialRequest$;
    exports.CreateTrialResponse$ = CreateTrialResponse$;
    exports.CreateUserProfile$ = CreateUserProfile$;
    exports.CreateUserProfileCommand = CreateUserProfileCommand;
    exports.CreateUserProfileRequest$ = CreateUserProfileRequest$;
    exports.CreateUserProfileResponse$ = CreateUserProfileResponse$;
    exports.CreateWorkforce$ = CreateWorkforce$;
    exports.CreateWorkforceCommand = CreateWorkforceCommand;
    exports.CreateWorkforceRequest$ = CreateWorkforceRequest$;
    exports.CreateWorkforceResponse$ = CreateWorkforceResponse$;
    exports.CreateWorkteam$ = CreateWorkteam$;
    exports.CreateWorkteamCommand = CreateWorkteamCommand;
    exports.CreateWorkteamRequest$ = CreateWorkteamRequest$;
    exports.CreateWorkteamResponse$ = CreateWorkteamResponse$;
    exports.CrossAccountFilterOption = CrossAccountFilterOption;
    exports.CustomFileSystem$ = CustomFileSystem$;
    exports.CustomFileSystemConfig$ = CustomFileSystemConfig$;
    exports.CustomImage$ = CustomImage$;
    exports.CustomPosixUserConfig$ = CustomPosixUserConfig$;
    exports.CustomizationTechnique = CustomizationTechnique;
    exports.CustomizedMetricSpecification$ = CustomizedMetricSpecification$;
    exports.DataCaptureConfig$ = DataCaptureConfig$;
    exports.DataCaptureConfigSummary$ = DataCaptureConfigSummary$;
    exports.DataCatalogConfig$ = DataCatalogConfig$;
    exports.DataDistributionType = DataDistributionType;
    exports.DataProcessing$ = DataProcessing$;
    exports.DataQualityAppSpecification$ = DataQualityAppSpecification$;
    exports.DataQualityBaselineConfig$ = DataQualityBaselineConfig$;
    exports.DataQualityJobInput$ = DataQualityJobInput$;
    exports.DataSource$ = DataSource$;
    exports.DataSourceName = DataSourceName;
    exports.DatasetDefinition$ = DatasetDefinition$;
    exports.DatasetSource$ = DatasetSource$;
    exports.DebugHookConfig$ = DebugHookConfig$;
    exports.DebugRuleConfiguration$ = DebugRuleConfiguration$;
    exports.DebugRuleEvaluationStatus$ = DebugRuleEvaluationStatus$;
    exports.DeepHealthCheckType = DeepHealthCheckType;
    exports.DefaultEbsStorageSettings$ = DefaultEbsStorageSettings$;
    exports.DefaultSpaceSettings$ = DefaultSpaceSettings$;
    exports.DefaultSpaceStorageSettings$ = DefaultSpaceStorageSettings$;
    exports.DeleteAIBenchmarkJob$ = DeleteAIBenchmarkJob$;
    exports.DeleteAIBenchmarkJobCommand = DeleteAIBenchmarkJobCommand;
    exports.DeleteAIBenchmarkJobRequest$ = DeleteAIBenchmarkJobRequest$;
    exports.DeleteAIBenchmarkJobResponse$ = DeleteAIBenchmarkJobResponse$;
    exports.DeleteAIRecommendationJob$ = DeleteAIRecommendationJob$;
    exports.DeleteAIRecommendationJobCommand = DeleteAIRecommendationJobCommand;
    exports.DeleteAIRecommendationJobRequest$ = DeleteAIRecommendationJobRequest$;
    exports.DeleteAIRecommendationJobResponse$ = DeleteAIRecommendationJobResponse$;
    exports.DeleteAIWorkloadConfig$ = DeleteAIWorkloadConfig$;
    exports.DeleteAIWorkloadConfigCommand = DeleteAIWorkloadConfigCommand;
    exports.DeleteAIWorkloadConfigRequest$ = DeleteAIWorkloadConfigRequest$;
    exports.DeleteAIWorkloadConfigResponse$ = DeleteAIWorkloadConfigResponse$;
    exports.DeleteAction$ = DeleteAction$;
    exports.DeleteActionCommand = DeleteActionCommand;
    exports.DeleteActionRequest$ = DeleteActionRequest$;
    exports.DeleteActionResponse$ = DeleteActionResponse$;
    exports.DeleteAlgorithm$ = DeleteAlgorithm$;
    exports.DeleteAlgorithmCommand = DeleteAlgorithmCommand;
    exports.DeleteAlgorithmInput$ = DeleteAlgorithmInput$;
    exports.DeleteApp$ = DeleteApp$;
    exports.DeleteAppCommand = DeleteAppCommand;
    exports.DeleteAppImageConfig$ = DeleteAppImageConfig$;
    exports.DeleteAppImageConfigCommand = DeleteAppImageConfigCommand;
    exports.DeleteAppImageConfigRequest$ = DeleteAppImageConfigRequest$;
    exports.DeleteAppRequest$ = DeleteAppRequest$;
    exports.DeleteArtifact$ = DeleteArtifact$;
    exports.DeleteArtifactCommand = DeleteArtifactCommand;
    exports.DeleteArtifactRequest$ = DeleteArtifactRequest$;
    exports.DeleteArtifactResponse$ = DeleteArtifactResponse$;
    exports.DeleteAssociation$ = DeleteAssociation$;
    exports.DeleteAssociationCommand = DeleteAssociationCommand;
    exports.DeleteAssociationRequest$ = DeleteAssociationRequest$;
    exports.DeleteAssociationResponse$ = DeleteAssociationResponse$;
    exports.DeleteCluster$ = DeleteCluster$;
    exports.DeleteClusterCommand = DeleteClusterCommand;
    exports.DeleteClusterRequest$ = DeleteClusterRequest$;
    exports.DeleteClusterResponse$ = DeleteClusterResponse$;
    exports.DeleteClusterSchedulerConfig$ = DeleteClusterSchedulerConfig$;
    exports.DeleteClusterSchedulerConfigCommand = DeleteClusterSchedulerConfigCommand;
    exports.DeleteClusterSchedulerConfigRequest$ = DeleteClusterSchedulerConfigRequest$;
    exports.DeleteCodeRepository$ = DeleteCodeRepository$;
    exports.DeleteCodeRepositoryCommand = DeleteCodeRepositoryCommand;
    exports.DeleteCodeRepositoryInput$ = DeleteCodeRepositoryInput$;
    exports.DeleteCompilationJob$ = DeleteCompilationJob$;
    exports.DeleteCompilationJobCommand = DeleteCompilationJobCommand;
    exports.DeleteCompilationJobRequest$ = DeleteCompilationJobRequest$;
    exports.DeleteComputeQuota$ = DeleteComputeQuota$;
    exports.DeleteComputeQuotaCommand = DeleteComputeQuotaCommand;
    exports.DeleteComputeQuotaRequest$ = DeleteComputeQuotaRequest$;
    exports.DeleteContext$ = DeleteContext$;
    exports.DeleteContextCommand = DeleteContextCommand;
    exports.DeleteContextRequest$ = DeleteContextRequest$;
    exports.DeleteContextResponse$ = DeleteContextResponse$;
    exports.DeleteDataQualityJobDefinition$ = DeleteDataQualityJobDefinition$;
    exports.DeleteDataQualityJobDefinitionCommand = DeleteDataQualityJobDefinitionCommand;
    exports.DeleteDataQualityJobDefinitionRequest$ = DeleteDataQualityJobDefinitionRequest$;
    exports.DeleteDeviceFleet$ = DeleteDeviceFleet$;
    exports.DeleteDeviceFleetCommand = DeleteDeviceFleetCommand;
    exports.DeleteDeviceFleetRequest$ = DeleteDeviceFleetRequest$;
    exports.DeleteDomain$ = DeleteDomain$;
    exports.DeleteDomainCommand = DeleteDomainCommand;
    exports.DeleteDomainRequest$ = DeleteDomainRequest$;
    exports.DeleteEdgeDeploymentPlan$ = DeleteEdgeDeploymentPlan$;
    exports.DeleteEdgeDeploymentPlanCommand = DeleteEdgeDeploymentPlanCommand;
    exports.DeleteEdgeDeploymentPlanRequest$ = DeleteEdgeDeploymentPlanRequest$;
    exports.DeleteEdgeDeploymentStage$ = DeleteEdgeDeploymentStage$;
    exports.DeleteEdgeDeploymentStageCommand = DeleteEdgeDeploymentStageCommand;
    exports.DeleteEdgeDeploymentStageRequest$ = DeleteEdgeDeploymentStageRequest$;
    exports.DeleteEndpoint$ = DeleteEndpoint$;
    exports.DeleteEndpointCommand = DeleteEndpointCommand;
    exports.DeleteEndpointConfig$ = DeleteEndpointConfig$;
    exports.DeleteEndpointConfigCommand = DeleteEndpointConfigCommand;
    exports.DeleteEndpointConfigInput$ = DeleteEndpointConfigInput$;
    exports.DeleteEndpointInput$ = DeleteEndpointInput$;
    exports.DeleteExperiment$ = DeleteExperiment$;
    exports.DeleteExperimentCommand = DeleteExperimentCommand;
    exports.DeleteExperimentRequest$ = DeleteExperimentRequest$;
    exports.DeleteExperimentResponse$ = DeleteExperimentResponse$;
    exports.DeleteFeatureGroup$ = DeleteFeatureGroup$;
    exports.DeleteFeatureGroupCommand = DeleteFeatureGroupCommand;
    exports.DeleteFeatureGroupRequest$ = DeleteFeatureGroupRequest$;
    exports.DeleteFlowDefinition$ = DeleteFlowDefinition$;
    exports.DeleteFlowDefinitionCommand = DeleteFlowDefinitionCommand;
    exports.DeleteFlowDefinitionRequest$ = DeleteFlowDefinitionRequest$;
    exports.DeleteFlowDefinitionResponse$ = DeleteFlowDefinitionResponse$;
    exports.DeleteHub$ = DeleteHub$;
    exports.DeleteHubCommand = DeleteHubCommand;
    exports.DeleteHubContent$ = DeleteHubContent$;
    exports.DeleteHubContentCommand = DeleteHubContentCommand;
    exports.DeleteHubContentReference$ = DeleteHubContentReference$;
    exports.DeleteHubContentReferenceCommand = DeleteHubContentReferenceCommand;
    exports.DeleteHubContentReferenceRequest$ = DeleteHubContentReferenceRequest$;
    exports.DeleteHubContentRequest$ = DeleteHubContentRequest$;
    exports.DeleteHubRequest$ = DeleteHubRequest$;
    exports.DeleteHumanTaskUi$ = DeleteHumanTaskUi$;
    exports.DeleteHumanTaskUiCommand = DeleteHumanTaskUiCommand;
    exports.DeleteHumanTaskUiRequest$ = DeleteHumanTaskUiRequest$;
    exports.DeleteHumanTaskUiResponse$ = DeleteHumanTaskUiResponse$;
    exports.DeleteHyperParameterTuningJob$ = DeleteHyperParameterTuningJob$;
    exports.DeleteHyperParameterTuningJobCommand = DeleteHyperParameterTuningJobCommand;
    exports.DeleteHyperParameterTuningJobRequest$ = DeleteHyperParameterTuningJobRequest$;
    exports.DeleteImage$ = DeleteImage$;
    exports.DeleteImageCommand = DeleteImageCommand;
    exports.DeleteImageRequest$ = DeleteImageRequest$;
    exports.DeleteImageResponse$ = DeleteImageResponse$;
    exports.DeleteImageVersion$ = DeleteImageVersion$;
    exports.DeleteImageVersionCommand = DeleteImageVersionCommand;
    exports.DeleteImageVersionRequest$ = DeleteImageVersionRequest$;
    exports.DeleteImageVersionResponse$ = DeleteImageVersionResponse$;
    exports.DeleteInferenceComponent$ = DeleteInferenceComponent$;
    exports.DeleteInferenceComponentCommand = DeleteInferenceComponentCommand;
    exports.DeleteInferenceComponentInput$ = DeleteInferenceComponentInput$;
    exports.DeleteInferenceExperiment$ = DeleteInferenceExperiment$;
    exports.DeleteInferenceExperimentCommand = DeleteInferenceExperimentCommand;
    exports.DeleteInferenceExperimentRequest$ = DeleteInferenceExperimentRequest$;
    exports.DeleteInferenceExperimentResponse$ = DeleteInferenceExperimentResponse$;
    exports.DeleteJob$ = DeleteJob$;
    exports.DeleteJobCommand = DeleteJobCommand;
    exports.DeleteJobRequest$ = DeleteJobRequest$;
    exports.DeleteJobResponse$ = DeleteJobResponse$;
    exports.DeleteMlflowApp$ = DeleteMlflowApp$;
    exports.DeleteMlflowAppCommand = DeleteMlflowAppCommand;
    exports.DeleteMlflowAppRequest$ = DeleteMlflowAppRequest$;
    exports.DeleteMlflowAppResponse$ = DeleteMlflowAppResponse$;
    exports.DeleteMlflowTrackingServer$ = DeleteMlflowTrackingServer$;
    exports.DeleteMlflowTrackingServerCommand = DeleteMlflowTrackingServerCommand;
    exports.DeleteMlflowTrackingServerRequest$ = DeleteMlflowTrackingServerRequest$;
    exports.DeleteMlflowTrackingServerResponse$ = DeleteMlflowTrackingServerResponse$;
    exports.DeleteModel$ = DeleteModel$;
    exports.DeleteModelBiasJobDefinition$ = DeleteModelBiasJobDefinition$;
    exports.DeleteModelBiasJobDefinitionCommand = DeleteModelBiasJobDefinitionCommand;
    exports.DeleteModelBiasJobDefinitionRequest$ = DeleteModelBiasJobDefinitionRequest$;
    exports.DeleteModelCard$ = DeleteModelCard$;
    exports.DeleteModelCardCommand = DeleteModelCardCommand;
    exports.DeleteModelCardRequest$ = DeleteModelCardRequest$;
    exports.DeleteModelCommand = DeleteModelCommand;
    exports.DeleteModelExplainabilityJobDefinition$ = DeleteModelExplainabilityJobDefinition$;
    exports.DeleteModelExplainabilityJobDefinitionCommand = DeleteModelExplainabilityJobDefinitionCommand;
    exports.DeleteModelExplainabilityJobDefinitionRequest$ = DeleteModelExplainabilityJobDefinitionRequest$;
    exports.DeleteModelInput$ = DeleteModelInput$;
    exports.DeleteModelPackage$ = DeleteModelPackage$;
    exports.DeleteModelPackageCommand = DeleteModelPackageCommand;
    exports.DeleteModelPackageGroup$ = DeleteModelPackageGroup$;
    exports.DeleteModelPackageGroupCommand = DeleteModelPackageGroupCommand;
    exports.DeleteModelPackageGroupInput$ = DeleteModelPackageGroupInput$;
    exports.DeleteModelPackageGroupPolicy$ = DeleteModelPackageGroupPolicy$;
    exports.DeleteModelPackageGroupPolicyCommand = DeleteModelPackageGroupPolicyCommand;
    exports.DeleteModelPackageGroupPolicyInput$ = DeleteModelPackageGroupPolicyInput$;
    exports.DeleteModelPackageInput$ = DeleteModelPackageInput$;
    exports.DeleteModelQualityJobDefinition$ = DeleteModelQualityJobDefinition$;
    exports.DeleteModelQualityJobDefinitionCommand = DeleteModelQualityJobDefinitionCommand;
    exports.DeleteModelQualityJobDefinitionRequest$ = DeleteModelQualityJobDefinitionRequest$;
    exports.DeleteMonitoringSchedule$ = DeleteMonitoringSchedule$;
    exports.DeleteMonitoringScheduleCommand = DeleteMonitoringScheduleCommand;
    exports.DeleteMonitoringScheduleRequest$ = DeleteMonitoringScheduleRequest$;
    exports.DeleteNotebookInstance$ = DeleteNotebookInstance$;
    exports.DeleteNotebookInstanceCommand = DeleteNotebookInstanceCommand;
    exports.DeleteNotebookInstanceInput$ = DeleteNotebookInstanceInput$;
    exports.DeleteNotebookInstanceLifecycleConfig$ = DeleteNotebookInstanceLifecycleConfig$;
    exports.DeleteNotebookInstanceLifecycleConfigCommand = DeleteNotebookInstanceLifecycleConfigCommand;
    exports.DeleteNotebookInstanceLifecycleConfigInput$ = DeleteNotebookInstanceLifecycleConfigInput$;
    exports.DeleteOptimizationJob$ = DeleteOptimizationJob$;
    exports.DeleteOptimizationJobCommand = DeleteOptimizationJobCommand;
    exports.DeleteOptimizationJobRequest$ = DeleteOptimizationJobRequest$;
    exports.DeletePartnerApp$ = DeletePartnerApp$;
    exports.DeletePartnerAppCommand = DeletePartnerAppCommand;
    exports.DeletePartnerAppRequest$ = DeletePartnerAppRequest$;
    exports.DeletePartnerAppResponse$ = DeletePartnerAppResponse$;
    exports.DeletePipeline$ = DeletePipeline$;
    exports.DeletePipelineCommand = DeletePipelineCommand;
    exports.DeletePipelineRequest$ = DeletePipelineRequest$;
    exports.DeletePipelineResponse$ = DeletePipelineResponse$;
    exports.DeleteProcessingJob$ = DeleteProcessingJob$;
    exports.DeleteProcessingJobCommand = DeleteProcessingJobCommand;
    exports.DeleteProcessingJobRequest$ = DeleteProcessingJobRequest$;
    exports.DeleteProject$ = DeleteProject$;
    exports.DeleteProjectCommand = DeleteProjectCommand;
    exports.DeleteProjectInput$ = DeleteProjectInput$;
    exports.DeleteSpace$ = DeleteSpace$;
    exports.DeleteSpaceCommand = DeleteSpaceCommand;
    exports.DeleteSpaceRequest$ = DeleteSpaceRequest$;
    exports.DeleteStudioLifecycleConfig$ = DeleteStudioLifecycleConfig$;
    exports.DeleteStudioLifecycleConfigCommand = DeleteStudioLifecycleConfigCommand;
    exports.DeleteStudioLifecycleConfigRequest$ = DeleteStudioLifecycleConfigRequest$;
    exports.DeleteTags$ = DeleteTags$;
    exports.DeleteTagsCommand = DeleteTagsCommand;
    exports.DeleteTagsInput$ = DeleteTagsInput$;
    exports.DeleteTagsOutput$ = DeleteTagsOutput$;
    exports.DeleteTrainingJob$ = DeleteTrainingJob$;
    exports.DeleteTrainingJobCommand = DeleteTrainingJobCommand;
    exports.DeleteTrainingJobRequest$ = DeleteTrainingJobRequest$;
    exports.DeleteTrial$ = DeleteTrial$;
    exports.DeleteTrialCommand = DeleteTrialCommand;
    exports.DeleteTrialComponent$ = DeleteTrialComponent$;
    exports.DeleteTrialComponentCommand = DeleteTrialComponentCommand;
    exports.DeleteTrialComponentRequest$ = DeleteTrialComponentRequest$;
    exports.DeleteTrialComponentResponse$ = DeleteTrialComponentResponse$;
    exports.DeleteTrialRequest$ = DeleteTrialRequest$;
    exports.DeleteTrialResponse$ = DeleteTrialResponse$;
    exports.DeleteUserProfile$ = DeleteUserProfile$;
    exports.DeleteUserProfileCommand = DeleteUserProfileCommand;
    exports.DeleteUserProfileRequest$ = DeleteUserProfileRequest$;
    exports.DeleteWorkforce$ = DeleteWorkforce$;
    exports.DeleteWorkforceCommand = DeleteWorkforceCommand;
    exports.DeleteWorkforceRequest$ = DeleteWorkforceRequest$;
    exports.DeleteWorkforceResponse$ = DeleteWorkforceResponse$;
    exports.DeleteWorkteam$ = DeleteWorkteam$;
    exports.DeleteWorkteamCommand = DeleteWorkteamCommand;
    exports.DeleteWorkteamRequest$ = DeleteWorkteamRequest$;
    exports.DeleteWorkteamResponse$ = DeleteWorkteamResponse$;
    exports.DeployedImage$ = DeployedImage$;
    exports.DeploymentConfig$ = DeploymentConfig$;
    exports.DeploymentConfiguration$ = DeploymentConfiguration$;
    exports.DeploymentRecommendation$ = DeploymentRecommendation$;
    exports.DeploymentStage$ = DeploymentStage$;
    exports.DeploymentStageStatusSummary$ = DeploymentStageStatusSummary$;
    exports.DeregisterDevices$ = DeregisterDevices$;
    exports.DeregisterDevicesCommand = DeregisterDevicesCommand;
    exports.DeregisterDevicesRequest$ = DeregisterDevicesRequest$;
    exports.DerivedInformation$ = DerivedInformation$;
    exports.DescribeAIBenchmarkJob$ = DescribeAIBenchmarkJob$;
    exports.DescribeAIBenchmarkJobCommand = DescribeAIBenchmarkJobCommand;
    exports.DescribeAIBenchmarkJobRequest$ = DescribeAIBenchmarkJobRequest$;
    exports.DescribeAIBenchmarkJobResponse$ = DescribeAIBenchmarkJobResponse$;
    exports.DescribeAIRecommendationJob$ = DescribeAIRecommendationJob$;
    exports.DescribeAIRecommendationJobCommand = DescribeAIRecommendationJobCommand;
    exports.DescribeAIRecommendationJobRequest$ = DescribeAIRecommendationJobRequest$;
    exports.DescribeAIRecommendationJobResponse$ = DescribeAIRecommendationJobResponse$;
    exports.DescribeAIWorkloadConfig$ = DescribeAIWorkloadConfig$;
    exports.DescribeAIWorkloadConfigCommand = DescribeAIWorkloadConfigCommand;
    exports.DescribeAIWorkloadConfigRequest$ = DescribeAIWorkloadConfigRequest$;
    exports.DescribeAIWorkloadConfigResponse$ = DescribeAIWorkloadConfigResponse$;
    exports.DescribeAction$ = DescribeAction$;
    exports.DescribeActionCommand = DescribeActionCommand;
    exports.DescribeActionRequest$ = DescribeActionRequest$;
    exports.DescribeActionResponse$ = DescribeActionResponse$;
    exports.DescribeAlgorithm$ = DescribeAlgorithm$;
    exports.DescribeAlgorithmCommand = DescribeAlgorithmCommand;
    exports.DescribeAlgorithmInput$ = DescribeAlgorithmInput$;
    exports.DescribeAlgorithmOutput$ = DescribeAlgorithmOutput$;
    exports.DescribeApp$ = DescribeApp$;
    exports.DescribeAppCommand = DescribeAppCommand;
    exports.DescribeAppImageConfig$ = DescribeAppImageConfig$;
    exports.DescribeAppImageConfigCommand = DescribeAppImageConfigCommand;
    exports.DescribeAppImageConfigRequest$ = DescribeAppImageConfigRequest$;
    exports.DescribeAppImageConfigResponse$ = DescribeAppImageConfigResponse$;
    exports.DescribeAppRequest$ = DescribeAppRequest$;
    exports.DescribeAppResponse$ = DescribeAppResponse$;
    exports.DescribeArtifact$ = DescribeArtifact$;
    exports.DescribeArtifactCommand = DescribeArtifactCommand;
    exports.DescribeArtifactRequest$ = DescribeArtifactRequest$;
    exports.DescribeArtifactResponse$ = DescribeArtifactResponse$;
    exports.DescribeAutoMLJob$ = DescribeAutoMLJob$;
    exports.DescribeAutoMLJobCommand = DescribeAutoMLJobCommand;
    exports.DescribeAutoMLJobRequest$ = DescribeAutoMLJobRequest$;
    exports.DescribeAutoMLJobResponse$ = DescribeAutoMLJobResponse$;
    exports.DescribeAutoMLJobV2$ = DescribeAutoMLJobV2$;
    exports.DescribeAutoMLJobV2Command = DescribeAutoMLJobV2Command;
    exports.DescribeAutoMLJobV2Request$ = DescribeAutoMLJobV2Request$;
    exports.DescribeAutoMLJobV2Response$ = DescribeAutoMLJobV2Response$;
    exports.DescribeCluster$ = DescribeCluster$;
    exports.DescribeClusterCommand = DescribeClusterCommand;
    exports.DescribeClusterEvent$ = DescribeClusterEvent$;
    exports.DescribeClusterEventCommand = DescribeClusterEventCommand;
    exports.DescribeClusterEventRequest$ = DescribeClusterEventRequest$;
    exports.DescribeClusterEventResponse$ = DescribeClusterEventResponse$;
    exports.DescribeClusterNode$ = DescribeClusterNode$;
    exports.DescribeClusterNodeCommand = DescribeClusterNodeCommand;
    exports.DescribeClusterNodeRequest$ = DescribeClusterNodeRequest$;
    exports.DescribeClusterNodeResponse$ = DescribeClusterNodeResponse$;
    exports.DescribeClusterRequest$ = DescribeClusterRequest$;
    exports.DescribeClusterResponse$ = DescribeClusterResponse$;
    exports.DescribeClusterSchedulerConfig$ = DescribeClusterSchedulerConfig$;
    exports.DescribeClusterSchedulerConfigCommand = DescribeClusterSchedulerConfigCommand;
    exports.DescribeClusterSchedulerConfigRequest$ = DescribeClusterSchedulerConfigRequest$;
    exports.DescribeClusterSchedulerConfigResponse$ = DescribeClusterSchedulerConfigResponse$;
    exports.DescribeCodeRepository$ = DescribeCodeRepository$;
    exports.DescribeCodeRepositoryCommand = DescribeCodeRepositoryCommand;
    exports.DescribeCodeRepositoryInput$ = DescribeCodeRepositoryInput$;
    exports.DescribeCodeRepositoryOutput$ = DescribeCodeRepositoryOutput$;
    exports.DescribeCompilationJob$ = DescribeCompilationJob$;
    exports.DescribeCompilationJobCommand = DescribeCompilationJobCommand;
    exports.DescribeCompilationJobRequest$ = DescribeCompilationJobRequest$;
    exports.DescribeCompilationJobResponse$ = DescribeCompilationJobResponse$;
    exports.DescribeComputeQuota$ = DescribeComputeQuota$;
    exports.DescribeComputeQuotaCommand = DescribeComputeQuotaCommand;
    exports.DescribeComputeQuotaRequest$ = DescribeComputeQuotaRequest$;
    exports.DescribeComputeQuotaResponse$ = DescribeComputeQuotaResponse$;
    exports.DescribeContext$ = DescribeContext$;
    exports.DescribeContextCommand = DescribeContextCommand;
    exports.DescribeContextRequest$ = DescribeContextRequest$;
    exports.DescribeContextResponse$ = DescribeContextResponse$;
    exports.DescribeDataQualityJobDefinition$ = DescribeDataQualityJobDefinition$;
    exports.DescribeDataQualityJobDefinitionCommand = DescribeDataQualityJobDefinitionCommand;
    exports.DescribeDataQualityJobDefinitionRequest$ = DescribeDataQualityJobDefinitionRequest$;
    exports.DescribeDataQualityJobDefinitionResponse$ = DescribeDataQualityJobDefinitionResponse$;
    exports.DescribeDevice$ = DescribeDevice$;
    exports.DescribeDeviceCommand = DescribeDeviceCommand;
    exports.DescribeDeviceFleet$ = DescribeDeviceFleet$;
    exports.DescribeDeviceFleetCommand = DescribeDeviceFleetCommand;
    exports.DescribeDeviceFleetRequest$ = DescribeDeviceFleetRequest$;
    exports.DescribeDeviceFleetResponse$ = DescribeDeviceFleetResponse$;
    exports.DescribeDeviceRequest$ = DescribeDeviceRequest$;
    exports.DescribeDeviceResponse$ = DescribeDeviceResponse$;
    exports.DescribeDomain$ = DescribeDomain$;
    exports.DescribeDomainCommand = DescribeDomainCommand;
    exports.DescribeDomainRequest$ = DescribeDomainRequest$;
    exports.DescribeDomainResponse$ = DescribeDomainResponse$;
    exports.DescribeEdgeDeploymentPlan$ = DescribeEdgeDeploymentPlan$;
    exports.DescribeEdgeDeploymentPlanCommand = DescribeEdgeDeploymentPlanCommand;
    exports.DescribeEdgeDeploymentPlanRequest$ = DescribeEdgeDeploymentPlanRequest$;
    exports.DescribeEdgeDeploymentPlanResponse$ = DescribeEdgeDeploymentPlanResponse$;
    exports.DescribeEdgePackagingJob$ = DescribeEdgePackagingJob$;
    exports.DescribeEdgePackagingJobCommand = DescribeEdgePackagingJobCommand;
    exports.DescribeEdgePackagingJobRequest$ = DescribeEdgePackagingJobRequest$;
    exports.DescribeEdgePackagingJobResponse$ = DescribeEdgePackagingJobResponse$;
    exports.DescribeEndpoint$ = DescribeEndpoint$;
    exports.DescribeEndpointCommand = DescribeEndpointCommand2;
    exports.DescribeEndpointConfig$ = DescribeEndpointConfig$;
    exports.DescribeEndpointConfigCommand = DescribeEndpointConfigCommand;
    exports.DescribeEndpointConfigInput$ = DescribeEndpointConfigInput$;
    exports.DescribeEndpointConfigOutput$ = DescribeEndpointConfigOutput$;
    exports.DescribeEndpointInput$ = DescribeEndpointInput$;
    exports.DescribeEndpointOutput$ = DescribeEndpointOutput$;
    exports.DescribeExperiment$ = DescribeExperiment$;
    exports.DescribeExperimentCommand = DescribeExperimentCommand;
    exports.DescribeExperimentRequest$ = DescribeExperimentRequest$;
    exports.DescribeExperimentResponse$ = DescribeExperimentResponse$;
    exports.DescribeFeatureGroup$ = DescribeFeatureGroup$;
    exports.DescribeFeatureGroupCommand = DescribeFeatureGroupCommand;
    exports.DescribeFeatureGroupRequest$ = DescribeFeatureGroupRequest$;
    exports.DescribeFeatureGroupResponse$ = DescribeFeatureGroupResponse$;
    exports.DescribeFeatureMetadata$ = DescribeFeatureMetadata$;
    exports.DescribeFeatureMetadataCommand = DescribeFeatureMetadataCommand;
    exports.DescribeFeatureMetadataRequest$ = DescribeFeatureMetadataRequest$;
    exports.DescribeFeatureMetadataResponse$ = DescribeFeatureMetadataResponse$;
    exports.DescribeFlowDefinition$ = DescribeFlowDefinition$;
    exports.DescribeFlowDefinitionCommand = DescribeFlowDefinitionCommand;
    exports.DescribeFlowDefinitionRequest$ = DescribeFlowDefinitionRequest$;
    exports.DescribeFlowDefinitionResponse$ = DescribeFlowDefinitionResponse$;
    exports.DescribeHub$ = DescribeHub$;
    exports.DescribeHubCommand = DescribeHubCommand;
    exports.DescribeHubContent$ = DescribeHubContent$;
    exports.DescribeHubContentCommand = DescribeHubContentCommand;
    exports.DescribeHubContentRequest$ = DescribeHubContentRequest$;
    exports.DescribeHubContentResponse$ = DescribeHubContentResponse$;
    exports.DescribeHubRequest$ = DescribeHubRequest$;
    exports.DescribeHubResponse$ = DescribeHubResponse$;
    exports.DescribeHumanTaskUi$ = DescribeHumanTaskUi$;
    exports.DescribeHumanTaskUiCommand = DescribeHumanTaskUiCommand;
    exports.DescribeHumanTaskUiRequest$ = DescribeHumanTaskUiRequest$;
    exports.DescribeHumanTaskUiResponse$ = DescribeHumanTaskUiResponse$;
    exports.DescribeHyperParameterTuningJob$ = DescribeHyperParameterTuningJob$;
    exports.DescribeHyperParameterTuningJobCommand = DescribeHyperParameterTuningJobCommand;
    exports.DescribeHyperParameterTuningJobRequest$ = DescribeHyperParameterTuningJobRequest$;
    exports.DescribeHyperParameterTuningJobResponse$ = DescribeHyperParameterTuningJobResponse$;
    exports.DescribeImage$ = DescribeImage$;
    exports.DescribeImageCommand = DescribeImageCommand;
    exports.DescribeImageRequest$ = DescribeImageRequest$;
    exports.DescribeImageResponse$ = DescribeImageResponse$;
    exports.DescribeImageVersion$ = DescribeImageVersion$;
    exports.DescribeImageVersionCommand = DescribeImageVersionCommand;
    exports.DescribeImageVersionRequest$ = DescribeImageVersionRequest$;
    exports.DescribeImageVersionResponse$ = DescribeImageVersionResponse$;
    exports.DescribeInferenceComponent$ = DescribeInferenceComponent$;
    exports.DescribeInferenceComponentCommand = DescribeInferenceComponentCommand;
    exports.DescribeInferenceComponentInput$ = DescribeInferenceComponentInput$;
    exports.DescribeInferenceComponentOutput$ = DescribeInferenceComponentOutput$;
    exports.DescribeInferenceExperiment$ = DescribeInferenceExperiment$;
    exports.DescribeInferenceExperimentCommand = DescribeInferenceExperimentCommand;
    exports.DescribeInferenceExperimentRequest$ = DescribeInferenceExperimentRequest$;
    exports.DescribeInferenceExperimentResponse$ = DescribeInferenceExperimentResponse$;
    exports.DescribeInferenceRecommendationsJob$ = DescribeInferenceRecommendationsJob$;
    exports.DescribeInferenceRecommendationsJobCommand = DescribeInferenceRecommendationsJobCommand;
    exports.DescribeInferenceRecommendationsJobRequest$ = DescribeInferenceRecommendationsJobRequest$;
    exports.DescribeInferenceRecommendationsJobResponse$ = DescribeInferenceRecommendationsJobResponse$;
    exports.DescribeJob$ = DescribeJob$;
    exports.DescribeJobCommand = DescribeJobCommand;
    exports.DescribeJobRequest$ = DescribeJobRequest$;
    exports.DescribeJobResponse$ = DescribeJobResponse$;
    exports.DescribeJobSchemaVersion$ = DescribeJobSchemaVersion$;
    exports.DescribeJobSchemaVersionCommand = DescribeJobSchemaVersionCommand;
    exports.DescribeJobSchemaVersionRequest$ = DescribeJobSchemaVersionRequest$;
    exports.DescribeJobSchemaVersionResponse$ = DescribeJobSchemaVersionResponse$;
    exports.DescribeLabelingJob$ = DescribeLabelingJob$;
    exports.DescribeLabelingJobCommand = DescribeLabelingJobCommand;
    exports.DescribeLabelingJobRequest$ = DescribeLabelingJobRequest$;
    exports.DescribeLabelingJobResponse$ = DescribeLabelingJobResponse$;
    exports.DescribeLineageGroup$ = DescribeLineageGroup$;
    exports.DescribeLineageGroupCommand = DescribeLineageGroupCommand;
    exports.DescribeLineageGroupRequest$ = DescribeLineageGroupRequest$;
    exports.DescribeLineageGroupResponse$ = DescribeLineageGroupResponse$;
    exports.DescribeMlflowApp$ = DescribeMlflowApp$;
    exports.DescribeMlflowAppCommand = DescribeMlflowAppCommand;
    exports.DescribeMlflowAppRequest$ = DescribeMlflowAppRequest$;
    exports.DescribeMlflowAppResponse$ = DescribeMlflowAppResponse$;
    exports.DescribeMlflowTrackingServer$ = DescribeMlflowTrackingServer$;
    exports.DescribeMlflowTrackingServerCommand = DescribeMlflowTrackingServerCommand;
    exports.DescribeMlflowTrackingServerRequest$ = DescribeMlflowTrackingServerRequest$;
    exports.DescribeMlflowTrackingServerResponse$ = DescribeMlflowTrackingServerResponse$;
    exports.DescribeModel$ = DescribeModel$;
    exports.DescribeModelBiasJobDefinition$ = DescribeModelBiasJobDefinition$;
    exports.DescribeModelBiasJobDefinitionCommand = DescribeModelBiasJobDefinitionCommand;
    exports.DescribeModelBiasJobDefinitionRequest$ = DescribeModelBiasJobDefinitionRequest$;
    exports.DescribeModelBiasJobDefinitionResponse$ = DescribeModelBiasJobDefinitionResponse$;
    exports.DescribeModelCard$ = DescribeModelCard$;
    exports.DescribeModelCardCommand = DescribeModelCardCommand;
    exports.DescribeModelCardExportJob$ = DescribeModelCardExportJob$;
    exports.DescribeModelCardExportJobCommand = DescribeModelCardExportJobCommand;
    exports.DescribeModelCardExportJobRequest$ = DescribeModelCardExportJobRequest$;
    exports.DescribeModelCardExportJobResponse$ = DescribeModelCardExportJobResponse$;
    exports.DescribeModelCardRequest$ = DescribeModelCardRequest$;
    exports.DescribeModelCardResponse$ = DescribeModelCardResponse$;
    exports.DescribeModelCommand = DescribeModelCommand;
    exports.DescribeModelExplainabilityJobDefinition$ = DescribeModelExplainabilityJobDefinition$;
    exports.DescribeModelExplainabilityJobDefinitionCommand = DescribeModelExplainabilityJobDefinitionCommand;
    exports.DescribeModelExplainabilityJobDefinitionRequest$ = DescribeModelExplainabilityJobDefinitionRequest$;
    exports.DescribeModelExplainabilityJobDefinitionResponse$ = DescribeModelExplainabilityJobDefinitionResponse$;
    exports.DescribeModelInput$ = DescribeModelInput$;
    exports.DescribeModelOutput$ = DescribeModelOutput$;
    exports.DescribeModelPackage$ = DescribeModelPackage$;
    exports.DescribeModelPackageCommand = DescribeModelPackageCommand;
    exports.DescribeModelPackageGroup$ = DescribeModelPackageGroup$;
    exports.DescribeModelPackageGroupCommand = DescribeModelPackageGroupCommand;
    exports.DescribeModelPackageGroupInput$ = DescribeModelPackageGroupInput$;
    exports.DescribeModelPackageGroupOutput$ = DescribeModelPackageGroupOutput$;
    exports.DescribeModelPackageInput$ = DescribeModelPackageInput$;
    exports.DescribeModelPackageOutput$ = DescribeModelPackageOutput$;
    exports.DescribeModelQualityJobDefinition$ = DescribeModelQualityJobDefinition$;
    exports.DescribeModelQualityJobDefinitionCommand = DescribeModelQualityJobDefinitionCommand;
    exports.DescribeModelQualityJobDefinitionRequest$ = DescribeModelQualityJobDefinitionRequest$;
    exports.DescribeModelQualityJobDefinitionResponse$ = DescribeModelQualityJobDefinitionResponse$;
    exports.DescribeMonitoringSchedule$ = DescribeMonitoringSchedule$;
    exports.DescribeMonitoringScheduleCommand = DescribeMonitoringScheduleCommand;
    exports.DescribeMonitoringScheduleRequest$ = DescribeMonitoringScheduleRequest$;
    exports.DescribeMonitoringScheduleResponse$ = DescribeMonitoringScheduleResponse$;
    exports.DescribeNotebookInstance$ = DescribeNotebookInstance$;
    exports.DescribeNotebookInstanceCommand = DescribeNotebookInstanceCommand;
    exports.DescribeNotebookInstanceInput$ = DescribeNotebookInstanceInput$;
    exports.DescribeNotebookInstanceLifecycleConfig$ = DescribeNotebookInstanceLifecycleConfig$;
    exports.DescribeNotebookInstanceLifecycleConfigCommand = DescribeNotebookInstanceLifecycleConfigCommand;
    exports.DescribeNotebookInstanceLifecycleConfigInput$ = DescribeNotebookInstanceLifecycleConfigInput$;
    exports.DescribeNotebookInstanceLifecycleConfigOutput$ = DescribeNotebookInstanceLifecycleConfigOutput$;
    exports.DescribeNotebookInstanceOutput$ = DescribeNotebookInstanceOutput$;
    exports.DescribeOptimizationJob$ = DescribeOptimizationJob$;
    exports.DescribeOptimizationJobCommand = DescribeOptimizationJobCommand;
    exports.DescribeOptimizationJobRequest$ = DescribeOptimizationJobRequest$;
    exports.DescribeOptimizationJobResponse$ = DescribeOptimizationJobResponse$;
    exports.DescribePartnerApp$ = DescribePartnerApp$;
    exports.DescribePartnerAppCommand = DescribePartnerAppCommand;
    exports.DescribePartnerAppRequest$ = DescribePartnerAppRequest$;
    exports.DescribePartnerAppResponse$ = DescribePartnerAppResponse$;
    exports.DescribePipeline$ = DescribePipeline$;
    exports.DescribePipelineCommand = DescribePipelineCommand;
    exports.DescribePipelineDefinitionForExecution$ = DescribePipelineDefinitionForExecution$;
    exports.DescribePipelineDefinitionForExecutionCommand = DescribePipelineDefinitionForExecutionCommand;
    exports.DescribePipelineDefinitionForExecutionRequest$ = DescribePipelineDefinitionForExecutionRequest$;
    exports.DescribePipelineDefinitionForExecutionResponse$ = DescribePipelineDefinitionForExecutionResponse$;
    exports.DescribePipelineExecution$ = DescribePipelineExecution$;
    exports.DescribePipelineExecutionCommand = DescribePipelineExecutionCommand;
    exports.DescribePipelineExecutionRequest$ = DescribePipelineExecutionRequest$;
    exports.DescribePipelineExecutionResponse$ = DescribePipelineExecutionResponse$;
    exports.DescribePipelineRequest$ = DescribePipelineRequest$;
    exports.DescribePipelineResponse$ = DescribePipelineResponse$;
    exports.DescribeProcessingJob$ = DescribeProcessingJob$;
    exports.DescribeProcessingJobCommand = DescribeProcessingJobCommand;
    exports.DescribeProcessingJobRequest$ = DescribeProcessingJobRequest$;
    exports.DescribeProcessingJobResponse$ = DescribeProcessingJobResponse$;
    exports.DescribeProject$ = DescribeProject$;
    exports.DescribeProjectCommand = DescribeProjectCommand;
    exports.DescribeProjectInput$ = DescribeProjectInput$;
    exports.DescribeProjectOutput$ = DescribeProjectOutput$;
    exports.DescribeReservedCapacity$ = DescribeReservedCapacity$;
    exports.DescribeReservedCapacityCommand = DescribeReservedCapacityCommand;
    exports.DescribeReservedCapacityRequest$ = DescribeReservedCapacityRequest$;
    exports.DescribeReservedCapacityResponse$ = DescribeReservedCapacityResponse$;
    exports.DescribeSpace$ = DescribeSpace$;
    exports.DescribeSpaceCommand = DescribeSpaceCommand;
    exports.DescribeSpaceRequest$ = DescribeSpaceRequest$;
    exports.DescribeSpaceResponse$ = DescribeSpaceResponse$;
    exports.DescribeStudioLifecycleConfig$ = DescribeStudioLifecycleConfig$;
    exports.DescribeStudioLifecycleConfigCommand = DescribeStudioLifecycleConfigCommand;
    exports.DescribeStudioLifecycleConfigRequest$ = DescribeStudioLifecycleConfigRequest$;
    exports.DescribeStudioLifecycleConfigResponse$ = DescribeStudioLifecycleConfigResponse$;
    exports.DescribeSubscribedWorkteam$ = DescribeSubscribedWorkteam$;
    exports.DescribeSubscribedWorkteamCommand = DescribeSubscribedWorkteamCommand;
    exports.DescribeSubscribedWorkteamRequest$ = DescribeSubscribedWorkteamRequest$;
    exports.DescribeSubscribedWorkteamResponse$ = DescribeSubscribedWorkteamResponse$;
    exports.DescribeTrainingJob$ = DescribeTrainingJob$;
    exports.DescribeTrainingJobCommand = DescribeTrainingJobCommand;
    exports.DescribeTrainingJobRequest$ = DescribeTrainingJobRequest$;
    exports.DescribeTrainingJobResponse$ = DescribeTrainingJobResponse$;
    exports.DescribeTrainingPlan$ = DescribeTrainingPlan$;
    exports.DescribeTrainingPlanCommand = DescribeTrainingPlanCommand;
    exports.DescribeTrainingPlanExtensionHistory$ = DescribeTrainingPlanExtensionHistory$;
    exports.DescribeTrainingPlanExtensionHistoryCommand = DescribeTrainingPlanExtensionHistoryCommand;
    exports.DescribeTrainingPlanExtensionHistoryRequest$ = DescribeTrainingPlanExtensionHistoryRequest$;
    exports.DescribeTrainingPlanExtensionHistoryResponse$ = DescribeTrainingPlanExtensionHistoryResponse$;
    exports.DescribeTrainingPlanRequest$ = DescribeTrainingPlanRequest$;
    exports.DescribeTrainingPlanResponse$ = DescribeTrainingPlanResponse$;
    exports.DescribeTransformJob$ = DescribeTransformJob$;
    exports.DescribeTransformJobCommand = DescribeTransformJobCommand;
    exports.DescribeTransformJobRequest$ = DescribeTransformJobRequest$;
    exports.DescribeTransformJobResponse$ = DescribeTransformJobResponse$;
    exports.DescribeTrial$ = DescribeTrial$;
    exports.DescribeTrialCommand = DescribeTrialCommand;
    exports.DescribeTrialComponent$ = DescribeTrialComponent$;
    exports.DescribeTrialComponentCommand = DescribeTrialComponentCommand;
    exports.DescribeTrialComponentRequest$ = DescribeTrialComponentRequest$;
    exports.DescribeTrialComponentResponse$ = DescribeTrialComponentResponse$;
    exports.DescribeTrialRequest$ = DescribeTrialRequest$;
    exports.DescribeTrialResponse$ = DescribeTrialResponse$;
    exports.DescribeUserProfile$ = DescribeUserProfile$;
    exports.DescribeUserProfileCommand = DescribeUserProfileCommand;
    exports.DescribeUserProfileRequest$ = DescribeUserProfileRequest$;
    exports.DescribeUserProfileResponse$ = DescribeUserProfileResponse$;
    exports.DescribeWorkforce$ = DescribeWorkforce$;
    exports.DescribeWorkforceCommand = DescribeWorkforceCommand;
    exports.DescribeWorkforceRequest$ = DescribeWorkforceRequest$;
    exports.DescribeWorkforceResponse$ = DescribeWorkforceResponse$;
    exports.DescribeWorkteam$ = DescribeWorkteam$;
    exports.DescribeWorkteamCommand = DescribeWorkteamCommand;
    exports.DescribeWorkteamRequest$ = DescribeWorkteamRequest$;
    exports.DescribeWorkteamResponse$ = DescribeWorkteamResponse$;
    exports.DesiredWeightAndCapacity$ = DesiredWeightAndCapacity$;
    exports.DetachClusterNodeVolume$ = DetachClusterNodeVolume$;
    exports.DetachClusterNodeVolumeCommand = DetachClusterNodeVolumeCommand;
    exports.DetachClusterNodeVolumeRequest$ = DetachClusterNodeVolumeRequest$;
    exports.DetachClusterNodeVolumeResponse$ = DetachClusterNodeVolumeResponse$;
    exports.DetailedAlgorithmStatus = DetailedAlgorithmStatus;
    exports.DetailedModelPackageStatus = DetailedModelPackageStatus;
    exports.Device$ = Device$;
    exports.DeviceDeploymentStatus = DeviceDeploymentStatus;
    exports.DeviceDeploymentSummary$ = DeviceDeploymentSummary$;
    exports.DeviceFleetSummary$ = DeviceFleetSummary$;
    exports.DeviceSelectionConfig$ = DeviceSelectionConfig$;
    exports.DeviceStats$ = DeviceStats$;
    exports.DeviceSubsetType = DeviceSubsetType;
    exports.DeviceSummary$ = DeviceSummary$;
    exports.DirectDeploySettings$ = DirectDeploySettings$;
    exports.DirectInternetAccess = DirectInternetAccess;
    exports.Direction = Direction;
    exports.DisableSagemakerServicecatalogPortfolio$ = DisableSagemakerServicecatalogPortfolio$;
    exports.DisableSagemakerServicecatalogPortfolioCommand = DisableSagemakerServicecatalogPortfolioCommand;
    exports.DisableSagemakerServicecatalogPortfolioInput$ = DisableSagemakerServicecatalogPortfolioInput$;
    exports.DisableSagemakerServicecatalogPortfolioOutput$ = DisableSagemakerServicecatalogPortfolioOutput$;
    exports.DisassociateTrialComponent$ = DisassociateTrialComponent$;
    exports.DisassociateTrialComponentCommand = DisassociateTrialComponentCommand;
    exports.DisassociateTrialComponentRequest$ = DisassociateTrialComponentRequest$;
    exports.DisassociateTrialComponentResponse$ = DisassociateTrialComponentResponse$;
    exports.DockerSettings$ = DockerSettings$;
    exports.DomainDetails$ = DomainDetails$;
    exports.DomainSettings$ = DomainSettings$;
    exports.DomainSettingsForUpdate$ = DomainSettingsForUpdate$;
    exports.DomainStatus = DomainStatus;
    exports.DriftCheckBaselines$ = DriftCheckBaselines$;
    exports.DriftCheckBias$ = DriftCheckBias$;
    exports.DriftCheckExplainability$ = DriftCheckExplainability$;
    exports.DriftCheckModelDataQuality$ = DriftCheckModelDataQuality$;
    exports.DriftCheckModelQuality$ = DriftCheckModelQuality$;
    exports.DynamicScalingConfiguration$ = DynamicScalingConfiguration$;
    exports.EFSFileSystem$ = EFSFileSystem$;
    exports.EFSFileSystemConfig$ = EFSFileSystemConfig$;
    exports.EMRStepMetadata$ = EMRStepMetadata$;
    exports.EbsStorageSettings$ = EbsStorageSettings$;
    exports.Ec2CapacityReservation$ = Ec2CapacityReservation$;
    exports.Edge$ = Edge$;
    exports.EdgeDeploymentConfig$ = EdgeDeploymentConfig$;
    exports.EdgeDeploymentModelConfig$ = EdgeDeploymentModelConfig$;
    exports.EdgeDeploymentPlanSummary$ = EdgeDeploymentPlanSummary$;
    exports.EdgeDeploymentStatus$ = EdgeDeploymentStatus$;
    exports.EdgeModel$ = EdgeModel$;
    exports.EdgeModelStat$ = EdgeModelStat$;
    exports.EdgeModelSummary$ = EdgeModelSummary$;
    exports.EdgeOutputConfig$ = EdgeOutputConfig$;
    exports.EdgePackagingJobStatus = EdgePackagingJobStatus;
    exports.EdgePackagingJobSummary$ = EdgePackagingJobSummary$;
    exports.EdgePresetDeploymentOutput$ = EdgePresetDeploymentOutput$;
    exports.EdgePresetDeploymentStatus = EdgePresetDeploymentStatus;
    exports.EdgePresetDeploymentType = EdgePresetDeploymentType;
    exports.EmrServerlessComputeConfig$ = EmrServerlessComputeConfig$;
    exports.EmrServerlessSettings$ = EmrServerlessSettings$;
    exports.EmrSettings$ = EmrSettings$;
    exports.EnableSagemakerServicecatalogPortfolio$ = EnableSagemakerServicecatalogPortfolio$;
    exports.EnableSagemakerServicecatalogPortfolioCommand = EnableSagemakerServicecatalogPortfolioCommand;
    exports.EnableSagemakerServicecatalogPortfolioInput$ = EnableSagemakerServicecatalogPortfolioInput$;
    exports.EnableSagemakerServicecatalogPortfolioOutput$ = EnableSagemakerServicecatalogPortfolioOutput$;
    exports.EnabledOrDisabled = EnabledOrDisabled;
    exports.Endpoint$ = Endpoint$;
    exports.EndpointConfigSortKey = EndpointConfigSortKey;
    exports.EndpointConfigStepMetadata$ = EndpointConfigStepMetadata$;
    exports.EndpointConfigSummary$ = EndpointConfigSummary$;
    exports.EndpointInfo$ = EndpointInfo$;
    exports.EndpointInput$ = EndpointInput$;
    exports.EndpointInputConfiguration$ = EndpointInputConfiguration$;
    exports.EndpointMetadata$ = EndpointMetadata$;
    exports.EndpointOutputConfiguration$ = EndpointOutputConfiguration$;
    exports.EndpointPerformance$ = EndpointPerformance$;
    exports.EndpointSortKey = EndpointSortKey;
    exports.EndpointStatus = EndpointStatus;
    exports.EndpointStepMetadata$ = EndpointStepMetadata$;
    exports.EndpointSummary$ = EndpointSummary$;
    exports.EnvironmentConfig$ = EnvironmentConfig$;
    exports.EnvironmentConfigDetails$ = EnvironmentConfigDetails$;
    exports.EnvironmentParameter$ = EnvironmentParameter$;
    exports.EnvironmentParameterRanges$ = EnvironmentParameterRanges$;
    exports.ErrorInfo$ = ErrorInfo$;
    exports.EvaluationType = EvaluationType;
    exports.EventDetails$ = EventDetails$;
    exports.EventMetadata$ = EventMetadata$;
    exports.EventSortBy = EventSortBy;
    exports.ExecutionRoleIdentityConfig = ExecutionRoleIdentityConfig;
    exports.ExecutionRoleSessionNameMode = ExecutionRoleSessionNameMode;
    exports.ExecutionStatus = ExecutionStatus;
    exports.Experiment$ = Experiment$;
    exports.ExperimentConfig$ = ExperimentConfig$;
    exports.ExperimentSource$ = ExperimentSource$;
    exports.ExperimentSummary$ = ExperimentSummary$;
    exports.Explainability$ = Explainability$;
    exports.ExplainerConfig$ = ExplainerConfig$;
    exports.ExtendTrainingPlan$ = ExtendTrainingPlan$;
    exports.ExtendTrainingPlanCommand = ExtendTrainingPlanCommand;
    exports.ExtendTrainingPlanRequest$ = ExtendTrainingPlanRequest$;
    exports.ExtendTrainingPlanResponse$ = ExtendTrainingPlanResponse$;
    exports.FSxLustreConfig$ = FSxLustreConfig$;
    exports.FSxLustreFileSystem$ = FSxLustreFileSystem$;
    exports.FSxLustreFileSystemConfig$ = FSxLustreFileSystemConfig$;
    exports.FailStepMetadata$ = FailStepMetadata$;
    exports.FailureHandlingPolicy = FailureHandlingPolicy;
    exports.FairShare = FairShare;
    exports.FeatureDefinition$ = FeatureDefinition$;
    exports.FeatureGroup$ = FeatureGroup$;
    exports.FeatureGroupSortBy = FeatureGroupSortBy;
    exports.FeatureGroupSortOrder = FeatureGroupSortOrder;
    exports.FeatureGroupStatus = FeatureGroupStatus;
    exports.FeatureGroupSummary$ = FeatureGroupSummary$;
    exports.FeatureMetadata$ = FeatureMetadata$;
    exports.FeatureParameter$ = FeatureParameter$;
    exports.FeatureStatus = FeatureStatus;
    exports.FeatureType = FeatureType;
    exports.FileSource$ = FileSource$;
    exports.FileSystemAccessMode = FileSystemAccessMode;
    exports.FileSystemConfig$ = FileSystemConfig$;
    exports.FileSystemDataSource$ = FileSystemDataSource$;
    exports.FileSystemType = FileSystemType;
    exports.FillingType = FillingType;
    exports.Filter$ = Filter$;
    exports.FinalAutoMLJobObjectiveMetric$ = FinalAutoMLJobObjectiveMetric$;
    exports.FinalHyperParameterTuningJobObjectiveMetric$ = FinalHyperParameterTuningJobObjectiveMetric$;
    exports.FlatInvocations = FlatInvocations;
    exports.FlowDefinitionOutputConfig$ = FlowDefinitionOutputConfig$;
    exports.FlowDefinitionStatus = FlowDefinitionStatus;
    exports.FlowDefinitionSummary$ = FlowDefinitionSummary$;
    exports.Framework = Framework;
    exports.GenerativeAiSettings$ = GenerativeAiSettings$;
    exports.GetDeviceFleetReport$ = GetDeviceFleetReport$;
    exports.GetDeviceFleetReportCommand = GetDeviceFleetReportCommand;
    exports.GetDeviceFleetReportRequest$ = GetDeviceFleetReportRequest$;
    exports.GetDeviceFleetReportResponse$ = GetDeviceFleetReportResponse$;
    exports.GetLineageGroupPolicy$ = GetLineageGroupPolicy$;
    exports.GetLineageGroupPolicyCommand = GetLineageGroupPolicyCommand;
    exports.GetLineageGroupPolicyRequest$ = GetLineageGroupPolicyRequest$;
    exports.GetLineageGroupPolicyResponse$ = GetLineageGroupPolicyResponse$;
    exports.GetModelPackageGroupPolicy$ = GetModelPackageGroupPolicy$;
    exports.GetModelPackageGroupPolicyCommand = GetModelPackageGroupPolicyCommand;
    exports.GetModelPackageGroupPolicyInput$ = GetModelPackageGroupPolicyInput$;
    exports.GetModelPackageGroupPolicyOutput$ = GetModelPackageGroupPolicyOutput$;
    exports.GetSagemakerServicecatalogPortfolioStatus$ = GetSagemakerServicecatalogPortfolioStatus$;
    exports.GetSagemakerServicecatalogPortfolioStatusCommand = GetSagemakerServicecatalogPortfolioStatusCommand;
    exports.GetSagemakerServicecatalogPortfolioStatusInput$ = GetSagemakerServicecatalogPortfolioStatusInput$;
    exports.GetSagemakerServicecatalogPortfolioStatusOutput$ = GetSagemakerServicecatalogPortfolioStatusOutput$;
    exports.GetScalingConfigurationRecommendation$ = GetScalingConfigurationRecommendation$;
    exports.GetScalingConfigurationRecommendationCommand = GetScalingConfigurationRecommendationCommand;
    exports.GetScalingConfigurationRecommendationRequest$ = GetScalingConfigurationRecommendationRequest$;
    exports.GetScalingConfigurationRecommendationResponse$ = GetScalingConfigurationRecommendationResponse$;
    exports.GetSearchSuggestions$ = GetSearchSuggestions$;
    exports.GetSearchSuggestionsCommand = GetSearchSuggestionsCommand;
    exports.GetSearchSuggestionsRequest$ = GetSearchSuggestionsRequest$;
    exports.GetSearchSuggestionsResponse$ = GetSearchSuggestionsResponse$;
    exports.GitConfig$ = GitConfig$;
    exports.GitConfigForUpdate$ = GitConfigForUpdate$;
    exports.HiddenSageMakerImage$ = HiddenSageMakerImage$;
    exports.HolidayConfigAttributes$ = HolidayConfigAttributes$;
    exports.HomeEfsFileSystemCreation = HomeEfsFileSystemCreation;
    exports.HubAccessConfig$ = HubAccessConfig$;
    exports.HubContent$ = HubContent$;
    exports.HubContentDependency$ = HubContentDependency$;
    exports.HubContentInfo$ = HubContentInfo$;
    exports.HubContentSortBy = HubContentSortBy;
    exports.HubContentStatus = HubContentStatus;
    exports.HubContentSupportStatus = HubContentSupportStatus;
    exports.HubContentType = HubContentType;
    exports.HubInfo$ = HubInfo$;
    exports.HubS3StorageConfig$ = HubS3StorageConfig$;
    exports.HubSortBy = HubSortBy;
    exports.HubStatus = HubStatus;
    exports.HumanLoopActivationConditionsConfig$ = HumanLoopActivationConditionsConfig$;
    exports.HumanLoopActivationConfig$ = HumanLoopActivationConfig$;
    exports.HumanLoopConfig$ = HumanLoopConfig$;
    exports.HumanLoopRequestSource$ = HumanLoopRequestSource$;
    exports.HumanTaskConfig$ = HumanTaskConfig$;
    exports.HumanTaskUiStatus = HumanTaskUiStatus;
    exports.HumanTaskUiSummary$ = HumanTaskUiSummary$;
    exports.HyperParameterAlgorithmSpecification$ = HyperParameterAlgorithmSpecification$;
    exports.HyperParameterScalingType = HyperParameterScalingType;
    exports.HyperParameterSpecification$ = HyperParameterSpecification$;
    exports.HyperParameterTrainingJobDefinition$ = HyperParameterTrainingJobDefinition$;
    exports.HyperParameterTrainingJobSummary$ = HyperParameterTrainingJobSummary$;
    exports.HyperParameterTuningAllocationStrategy = HyperParameterTuningAllocationStrategy;
    exports.HyperParameterTuningInstanceConfig$ = HyperParameterTuningInstanceConfig$;
    exports.HyperParameterTuningJobCompletionDetails$ = HyperParameterTuningJobCompletionDetails$;
    exports.HyperParameterTuningJobConfig$ = HyperParameterTuningJobConfig$;
    exports.HyperParameterTuningJobConsumedResources$ = HyperParameterTuningJobConsumedResources$;
    exports.HyperParameterTuningJobObjective$ = HyperParameterTuningJobObjective$;
    exports.HyperParameterTuningJobObjectiveType = HyperParameterTuningJobObjectiveType;
    exports.HyperParameterTuningJobSearchEntity$ = HyperParameterTuningJobSearchEntity$;
    exports.HyperParameterTuningJobSortByOptions = HyperParameterTuningJobSortByOptions;
    exports.HyperParameterTuningJobStatus = HyperParameterTuningJobStatus;
    exports.HyperParameterTuningJobStrategyConfig$ = HyperParameterTuningJobStrategyConfig$;
    exports.HyperParameterTuningJobStrategyType = HyperParameterTuningJobStrategyType;
    exports.HyperParameterTuningJobSummary$ = HyperParameterTuningJobSummary$;
    exports.HyperParameterTuningJobWarmStartConfig$ = HyperParameterTuningJobWarmStartConfig$;
    exports.HyperParameterTuningJobWarmStartType = HyperParameterTuningJobWarmStartType;
    exports.HyperParameterTuningResourceConfig$ = HyperParameterTuningResourceConfig$;
    exports.HyperbandStrategyConfig$ = HyperbandStrategyConfig$;
    exports.IPAddressType = IPAddressType;
    exports.IamIdentity$ = IamIdentity$;
    exports.IamPolicyConstraints$ = IamPolicyConstraints$;
    exports.IdcConfigInput$ = IdcConfigInput$;
    exports.IdcConfigOutput$ = IdcConfigOutput$;
    exports.IdentityProviderOAuthSetting$ = IdentityProviderOAuthSetting$;
    exports.IdleResourceSharing = IdleResourceSharing;
    exports.IdleSettings$ = IdleSettings$;
    exports.Image$ = Image$;
    exports.ImageClassificationJobConfig$ = ImageClassificationJobConfig$;
    exports.ImageConfig$ = ImageConfig$;
    exports.ImageSortBy = ImageSortBy;
    exports.ImageSortOrder = ImageSortOrder;
    exports.ImageStatus = ImageStatus;
    exports.ImageVersion$ = ImageVersion$;
    exports.ImageVersionSortBy = ImageVersionSortBy;
    exports.ImageVersionSortOrder = ImageVersionSortOrder;
    exports.ImageVersionStatus = ImageVersionStatus;
    exports.ImportHubContent$ = ImportHubContent$;
    exports.ImportHubContentCommand = ImportHubContentCommand;
    exports.ImportHubContentRequest$ = ImportHubContentRequest$;
    exports.ImportHubContentResponse$ = ImportHubContentResponse$;
    exports.IncludedData = IncludedData;
    exports.InferenceComponentAvailabilityZoneBalance$ = InferenceComponentAvailabilityZoneBalance$;
    exports.InferenceComponentCapacitySize$ = InferenceComponentCapacitySize$;
    exports.InferenceComponentCapacitySizeType = InferenceComponentCapacitySizeType;
    exports.InferenceComponentComputeResourceRequirements$ = InferenceComponentComputeResourceRequirements$;
    exports.InferenceComponentContainerSpecification$ = InferenceComponentContainerSpecification$;
    exports.InferenceComponentContainerSpecificationSummary$ = InferenceComponentContainerSpecificationSummary$;
    exports.InferenceComponentDataCacheConfig$ = InferenceComponentDataCacheConfig$;
    exports.InferenceComponentDataCacheConfigSummary$ = InferenceComponentDataCacheConfigSummary$;
    exports.InferenceComponentDeploymentConfig$ = InferenceComponentDeploymentConfig$;
    exports.InferenceComponentMetadata$ = InferenceComponentMetadata$;
    exports.InferenceComponentPlacementStatus$ = InferenceComponentPlacementStatus$;
    exports.InferenceComponentPlacementStrategy = InferenceComponentPlacementStrategy;
    exports.InferenceComponentRollingUpdatePolicy$ = InferenceComponentRollingUpdatePolicy$;
    exports.InferenceComponentRuntimeConfig$ = InferenceComponentRuntimeConfig$;
    exports.InferenceComponentRuntimeConfigSummary$ = InferenceComponentRuntimeConfigSummary$;
    exports.InferenceComponentSchedulingConfig$ = InferenceComponentSchedulingConfig$;
    exports.InferenceComponentSortKey = InferenceComponentSortKey;
    exports.InferenceComponentSpecification$ = InferenceComponentSpecification$;
    exports.InferenceComponentSpecificationSummary$ = InferenceComponentSpecificationSummary$;
    exports.InferenceComponentStartupParameters$ = InferenceComponentStartupParameters$;
    exports.InferenceComponentStatus = InferenceComponentStatus;
    exports.InferenceComponentSummary$ = InferenceComponentSummary$;
    exports.InferenceExecutionConfig$ = InferenceExecutionConfig$;
    exports.InferenceExecutionMode = InferenceExecutionMode;
    exports.InferenceExperimentDataStorageConfig$ = InferenceExperimentDataStorageConfig$;
    exports.InferenceExperimentSchedule$ = InferenceExperimentSchedule$;
    exports.InferenceExperimentStatus = InferenceExperimentStatus;
    exports.InferenceExperimentStopDesiredState = InferenceExperimentStopDesiredState;
    exports.InferenceExperimentSummary$ = InferenceExperimentSummary$;
    exports.InferenceExperimentType = InferenceExperimentType;
    exports.InferenceHubAccessConfig$ = InferenceHubAccessConfig$;
    exports.InferenceMetrics$ = InferenceMetrics$;
    exports.InferenceRecommendation$ = InferenceRecommendation$;
    exports.InferenceRecommendationsJob$ = InferenceRecommendationsJob$;
    exports.InferenceRecommendationsJobStep$ = InferenceRecommendationsJobStep$;
    exports.InferenceSpecification$ = InferenceSpecification$;
    exports.InfraCheckConfig$ = InfraCheckConfig$;
    exports.InputConfig$ = InputConfig$;
    exports.InputMode = InputMode;
    exports.InstanceGroup$ = InstanceGroup$;
    exports.InstanceGroupHealthCheckConfiguration$ = InstanceGroupHealthCheckConfiguration$;
    exports.InstanceGroupMetadata$ = InstanceGroupMetadata$;
    exports.InstanceGroupScalingMetadata$ = InstanceGroupScalingMetadata$;
    exports.InstanceGroupStatus = InstanceGroupStatus;
    exports.InstanceMetadata$ = InstanceMetadata$;
    exports.InstanceMetadataServiceConfiguration$ = InstanceMetadataServiceConfiguration$;
    exports.InstancePlacementConfig$ = InstancePlacementConfig$;
    exports.InstancePool$ = InstancePool$;
    exports.InstancePoolSummary$ = InstancePoolSummary$;
    exports.InstancePreference$ = InstancePreference$;
    exports.InstanceRequirementsEniConfiguration$ = InstanceRequirementsEniConfiguration$;
    exports.IntegerParameterRange$ = IntegerParameterRange$;
    exports.IntegerParameterRangeSpecification$ = IntegerParameterRangeSpecification$;
    exports.IsTrackingServerActive = IsTrackingServerActive;
    exports.Job$ = Job$;
    exports.JobCategory = JobCategory;
    exports.JobConfigSchemaVersionSummary$ = JobConfigSchemaVersionSummary$;
    exports.JobSecondaryStatus = JobSecondaryStatus;
    exports.JobSecondaryStatusTransition$ = JobSecondaryStatusTransition$;
    exports.JobStatus = JobStatus;
    exports.JobStepMetadata$ = JobStepMetadata$;
    exports.JobSummary$ = JobSummary$;
    exports.JobType = JobType;
    exports.JoinSource = JoinSource;
    exports.JupyterLabAppImageConfig$ = JupyterLabAppImageConfig$;
    exports.JupyterLabAppSettings$ = JupyterLabAppSettings$;
    exports.JupyterServerAppSettings$ = JupyterServerAppSettings$;
    exports.KendraSettings$ = KendraSettings$;
    exports.KernelGatewayAppSettings$ = KernelGatewayAppSettings$;
    exports.KernelGatewayImageConfig$ = KernelGatewayImageConfig$;
    exports.KernelSpec$ = KernelSpec$;
    exports.LabelCounters$ = LabelCounters$;
    exports.LabelCountersForWorkteam$ = LabelCountersForWorkteam$;
    exports.LabelingJobAlgorithmsConfig$ = LabelingJobAlgorithmsConfig$;
    exports.LabelingJobDataAttributes$ = LabelingJobDataAttributes$;
    exports.LabelingJobDataSource$ = LabelingJobDataSource$;
    exports.LabelingJobForWorkteamSummary$ = LabelingJobForWorkteamSummary$;
    exports.LabelingJobInputConfig$ = LabelingJobInputConfig$;
    exports.LabelingJobOutput$ = LabelingJobOutput$;
    exports.LabelingJobOutputConfig$ = LabelingJobOutputConfig$;
    exports.LabelingJobResourceConfig$ = LabelingJobResourceConfig$;
    exports.LabelingJobS3DataSource$ = LabelingJobS3DataSource$;
    exports.LabelingJobSnsDataSource$ = LabelingJobSnsDataSource$;
    exports.LabelingJobStatus = LabelingJobStatus;
    exports.LabelingJobStoppingConditions$ = LabelingJobStoppingConditions$;
    exports.LabelingJobSummary$ = LabelingJobSummary$;
    exports.LambdaStepMetadata$ = LambdaStepMetadata$;
    exports.LastUpdateStatus$ = LastUpdateStatus$;
    exports.LastUpdateStatusValue = LastUpdateStatusValue;
    exports.LifecycleManagement = LifecycleManagement;
    exports.LineageGroupSummary$ = LineageGroupSummary$;
    exports.LineageMetadata$ = LineageMetadata$;
    exports.LineageType = LineageType;
    exports.ListAIBenchmarkJobs$ = ListAIBenchmarkJobs$;
    exports.ListAIBenchmarkJobsCommand = ListAIBenchmarkJobsCommand;
    exports.ListAIBenchmarkJobsRequest$ = ListAIBenchmarkJobsRequest$;
    exports.ListAIBenchmarkJobsResponse$ = ListAIBenchmarkJobsResponse$;
    exports.ListAIBenchmarkJobsSortBy = ListAIBenchmarkJobsSortBy;
    exports.ListAIRecommendationJobs$ = ListAIRecommendationJobs$;
    exports.ListAIRecommendationJobsCommand = ListAIRecommendationJobsCommand;
    exports.ListAIRecommendationJobsRequest$ = ListAIRecommendationJobsRequest$;
    exports.ListAIRecommendationJobsResponse$ = ListAIRecommendationJobsResponse$;
    exports.ListAIRecommendationJobsSortBy = ListAIRecommendationJobsSortBy;
    exports.ListAIWorkloadConfigs$ = ListAIWorkloadConfigs$;
    exports.ListAIWorkloadConfigsCommand = ListAIWorkloadConfigsCommand;
    exports.ListAIWorkloadConfigsRequest$ = ListAIWorkloadConfigsRequest$;
    exports.ListAIWorkloadConfigsResponse$ = ListAIWorkloadConfigsResponse$;
    exports.ListAIWorkloadConfigsSortBy = ListAIWorkloadConfigsSortBy;
    exports.ListActions$ = ListActions$;
    exports.ListActionsCommand = ListActionsCommand;
    exports.ListActionsRequest$ = ListActionsRequest$;
    exports.ListActionsResponse$ = ListActionsResponse$;
    exports.ListAlgorithms$ = ListAlgorithms$;
    exports.ListAlgorithmsCommand = ListAlgorithmsCommand;
    exports.ListAlgorithmsInput$ = ListAlgorithmsInput$;
    exports.ListAlgorithmsOutput$ = ListAlgorithmsOutput$;
    exports.ListAliases$ = ListAliases$;
    exports.ListAliasesCommand = ListAliasesCommand;
    exports.ListAliasesRequest$ = ListAliasesRequest$;
    exports.ListAliasesResponse$ = ListAliasesResponse$;
    exports.ListAppImageConfigs$ = ListAppImageConfigs$;
    exports.ListAppImageConfigsCommand = ListAppImageConfigsCommand;
    exports.ListAppImageConfigsRequest$ = ListAppImageConfigsRequest$;
    exports.ListAppImageConfigsResponse$ = ListAppImageConfigsResponse$;
    exports.ListApps$ = ListApps$;
    exports.ListAppsCommand = ListAppsCommand;
    exports.ListAppsRequest$ = ListAppsRequest$;
    exports.ListAppsResponse$ = ListAppsResponse$;
    exports.ListArtifacts$ = ListArtifacts$;
    exports.ListArtifactsCommand = ListArtifactsCommand;
    exports.ListArtifactsRequest$ = ListArtifactsRequest$;
    exports.ListArtifactsResponse$ = ListArtifactsResponse$;
    exports.ListAssociations$ = ListAssociations$;
    exports.ListAssociationsCommand = ListAssociationsCommand;
    exports.ListAssociationsRequest$ = ListAssociationsRequest$;
    exports.ListAssociationsResponse$ = ListAssociationsResponse$;
    exports.ListAutoMLJobs$ = ListAutoMLJobs$;
    exports.ListAutoMLJobsCommand = ListAutoMLJobsCommand;
    exports.ListAutoMLJobsRequest$ = ListAutoMLJobsRequest$;
    exports.ListAutoMLJobsResponse$ = ListAutoMLJobsResponse$;
    exports.ListCandidatesForAutoMLJob$ = ListCandidatesForAutoMLJob$;
    exports.ListCandidatesForAutoMLJobCommand = ListCandidatesForAutoMLJobCommand;
    exports.ListCandidatesForAutoMLJobRequest$ = ListCandidatesForAutoMLJobRequest$;
    exports.ListCandidatesForAutoMLJobResponse$ = ListCandidatesForAutoMLJobResponse$;
    exports.ListClusterEvents$ = ListClusterEvents$;
    exports.ListClusterEventsCommand = ListClusterEventsCommand;
    exports.ListClusterEventsRequest$ = ListClusterEventsRequest$;
    exports.ListClusterEventsResponse$ = ListClusterEventsResponse$;
    exports.ListClusterNodes$ = ListClusterNodes$;
    exports.ListClusterNodesCommand = ListClusterNodesCommand;
    exports.ListClusterNodesRequest$ = ListClusterNodesRequest$;
    exports.ListClusterNodesResponse$ = ListClusterNodesResponse$;
    exports.ListClusterSchedulerConfigs$ = ListClusterSchedulerConfigs$;
    exports.ListClusterSchedulerConfigsCommand = ListClusterSchedulerConfigsCommand;
    exports.ListClusterSchedulerConfigsRequest$ = ListClusterSchedulerConfigsRequest$;
    exports.ListClusterSchedulerConfigsResponse$ = ListClusterSchedulerConfigsResponse$;
    exports.ListClusters$ = ListClusters$;
    exports.ListClustersCommand = ListClustersCommand;
    exports.ListClustersRequest$ = ListClustersRequest$;
    exports.ListClustersResponse$ = ListClustersResponse$;
    exports.ListCodeRepositories$ = ListCodeRepositories$;
    exports.ListCodeRepositoriesCommand = ListCodeRepositoriesCommand;
    exports.ListCodeRepositoriesInput$ = ListCodeRepositoriesInput$;
    exports.ListCodeRepositoriesOutput$ = ListCodeRepositoriesOutput$;
    exports.ListCompilationJobs$ = ListCompilationJobs$;
    exports.ListCompilationJobsCommand = ListCompilationJobsCommand;
    exports.ListCompilationJobsRequest$ = ListCompilationJobsRequest$;
    exports.ListCompilationJobsResponse$ = ListCompilationJobsResponse$;
    exports.ListCompilationJobsSortBy = ListCompilationJobsSortBy;
    exports.ListComputeQuotas$ = ListComputeQuotas$;
    exports.ListComputeQuotasCommand = ListComputeQuotasCommand;
    exports.ListComputeQuotasRequest$ = ListComputeQuotasRequest$;
    exports.ListComputeQuotasResponse$ = ListComputeQuotasResponse$;
    exports.ListContexts$ = ListContexts$;
    exports.ListContextsCommand = ListContextsCommand;
    exports.ListContextsRequest$ = ListContextsRequest$;
    exports.ListContextsResponse$ = ListContextsResponse$;
    exports.ListDataQualityJobDefinitions$ = ListDataQualityJobDefinitions$;
    exports.ListDataQualityJobDefinitionsCommand = ListDataQualityJobDefinitionsCommand;
    exports.ListDataQualityJobDefinitionsRequest$ = ListDataQualityJobDefinitionsRequest$;
    exports.ListDataQualityJobDefinitionsResponse$ = ListDataQualityJobDefinitionsResponse$;
    exports.ListDeviceFleets$ = ListDeviceFleets$;
    exports.ListDeviceFleetsCommand = ListDeviceFleetsCommand;
    exports.ListDeviceFleetsRequest$ = ListDeviceFleetsRequest$;
    exports.ListDeviceFleetsResponse$ = ListDeviceFleetsResponse$;
    exports.ListDeviceFleetsSortBy = ListDeviceFleetsSortBy;
    exports.ListDevices$ = ListDevices$;
    exports.ListDevicesCommand = ListDevicesCommand;
    exports.ListDevicesRequest$ = ListDevicesRequest$;
    exports.ListDevicesResponse$ = ListDevicesResponse$;
    exports.ListDomains$ = ListDomains$;
    exports.ListDomainsCommand = ListDomainsCommand;
    exports.ListDomainsRequest$ = ListDomainsRequest$;
    exports.ListDomainsResponse$ = ListDomainsResponse$;
    exports.ListEdgeDeploymentPlans$ = ListEdgeDeploymentPlans$;
    exports.ListEdgeDeploymentPlansCommand = ListEdgeDeploymentPlansCommand;
    exports.ListEdgeDeploymentPlansRequest$ = ListEdgeDeploymentPlansRequest$;
    exports.ListEdgeDeploymentPlansResponse$ = ListEdgeDeploymentPlansResponse$;
    exports.ListEdgeDeploymentPlansSortBy = ListEdgeDeploymentPlansSortBy;
    exports.ListEdgePackagingJobs$ = ListEdgePackagingJobs$;
    exports.ListEdgePackagingJobsCommand = ListEdgePackagingJobsCommand;
    exports.ListEdgePackagingJobsRequest$ = ListEdgePackagingJobsRequest$;
    exports.ListEdgePackagingJobsResponse$ = ListEdgePackagingJobsResponse$;
    exports.ListEdgePackagingJobsSortBy = ListEdgePackagingJobsSortBy;
    exports.ListEndpointConfigs$ = ListEndpointConfigs$;
    exports.ListEndpointConfigsCommand = ListEndpointConfigsCommand;
    exports.ListEndpointConfigsInput$ = ListEndpointConfigsInput$;
    exports.ListEndpointConfigsOutput$ = ListEndpointConfigsOutput$;
    exports.ListEndpoints$ = ListEndpoints$;
    exports.ListEndpointsCommand = ListEndpointsCommand;
    exports.ListEndpointsInput$ = ListEndpointsInput$;
    exports.ListEndpointsOutput$ = ListEndpointsOutput$;
    exports.ListExperiments$ = ListExperiments$;
    exports.ListExperimentsCommand = ListExperimentsCommand;
    exports.ListExperimentsRequest$ = ListExperimentsRequest$;
    exports.ListExperimentsResponse$ = ListExperimentsResponse$;
    exports.ListFeatureGroups$ = ListFeatureGroups$;
    exports.ListFeatureGroupsCommand = ListFeatureGroupsCommand;
    exports.ListFeatureGroupsRequest$ = ListFeatureGroupsRequest$;
    exports.ListFeatureGroupsResponse$ = ListFeatureGroupsResponse$;
    exports.ListFlowDefinitions$ = ListFlowDefinitions$;
    exports.ListFlowDefinitionsCommand = ListFlowDefinitionsCommand;
    exports.ListFlowDefinitionsRequest$ = ListFlowDefinitionsRequest$;
    exports.ListFlowDefinitionsResponse$ = ListFlowDefinitionsResponse$;
    exports.ListHubContentVersions$ = ListHubContentVersions$;
    exports.ListHubContentVersionsCommand = ListHubContentVersionsCommand;
    exports.ListHubContentVersionsRequest$ = ListHubContentVersionsRequest$;
    exports.ListHubContentVersionsResponse$ = ListHubContentVersionsResponse$;
    exports.ListHubContents$ = ListHubContents$;
    exports.ListHubContentsCommand = ListHubContentsCommand;
    exports.ListHubContentsRequest$ = ListHubContentsRequest$;
    exports.ListHubContentsResponse$ = ListHubContentsResponse$;
    exports.ListHubs$ = ListHubs$;
    exports.ListHubsCommand = ListHubsCommand;
    exports.ListHubsRequest$ = ListHubsRequest$;
    exports.ListHubsResponse$ = ListHubsResponse$;
    exports.ListHumanTaskUis$ = ListHumanTaskUis$;
    exports.ListHumanTaskUisCommand = ListHumanTaskUisCommand;
    exports.ListHumanTaskUisRequest$ = ListHumanTaskUisRequest$;
    exports.ListHumanTaskUisResponse$ = ListHumanTaskUisResponse$;
    exports.ListHyperParameterTuningJobs$ = ListHyperParameterTuningJobs$;
    exports.ListHyperParameterTuningJobsCommand = ListHyperParameterTuningJobsCommand;
    exports.ListHyperParameterTuningJobsRequest$ = ListHyperParameterTuningJobsRequest$;
    exports.ListHyperParameterTuningJobsResponse$ = ListHyperParameterTuningJobsResponse$;
    exports.ListImageVersions$ = ListImageVersions$;
    exports.ListImageVersionsCommand = ListImageVersionsCommand;
    exports.ListImageVersionsRequest$ = ListImageVersionsRequest$;
    exports.ListImageVersionsResponse$ = ListImageVersionsResponse$;
    exports.ListImages$ = ListImages$;
    exports.ListImagesCommand = ListImagesCommand;
    exports.ListImagesRequest$ = ListImagesRequest$;
    exports.ListImagesResponse$ = ListImagesResponse$;
    exports.ListInferenceComponents$ = ListInferenceComponents$;
    exports.ListInferenceComponentsCommand = ListInferenceComponentsCommand;
    exports.ListInferenceComponentsInput$ = ListInferenceComponentsInput$;
    exports.ListInferenceComponentsOutput$ = ListInferenceComponentsOutput$;
    exports.ListInferenceExperiments$ = ListInferenceExperiments$;
    exports.ListInferenceExperimentsCommand = ListInferenceExperimentsCommand;
    exports.ListInferenceExperimentsRequest$ = ListInferenceExperimentsRequest$;
    exports.ListInferenceExperimentsResponse$ = ListInferenceExperimentsResponse$;
    exports.ListInferenceRecommendationsJobSteps$ = ListInferenceRecommendationsJobSteps$;
    exports.ListInferenceRecommendationsJobStepsCommand = ListInferenceRecommendationsJobStepsCommand;
    exports.ListInferenceRecommendationsJobStepsRequest$ = ListInferenceRecommendationsJobStepsRequest$;
    exports.ListInferenceRecommendationsJobStepsResponse$ = ListInferenceRecommendationsJobStepsResponse$;
    exports.ListInferenceRecommendationsJobs$ = ListInferenceRecommendationsJobs$;
    exports.ListInferenceRecommendationsJobsCommand = ListInferenceRecommendationsJobsCommand;
    exports.ListInferenceRecommendationsJobsRequest$ = ListInferenceRecommendationsJobsRequest$;
    exports.ListInferenceRecommendationsJobsResponse$ = ListInferenceRecommendationsJobsResponse$;
    exports.ListInferenceRecommendationsJobsSortBy = ListInferenceRecommendationsJobsSortBy;
    exports.ListJobSchemaVersions$ = ListJobSchemaVersions$;
    exports.ListJobSchemaVersionsCommand = ListJobSchemaVersionsCommand;
    exports.ListJobSchemaVersionsRequest$ = ListJobSchemaVersionsRequest$;
    exports.ListJobSchemaVersionsResponse$ = ListJobSchemaVersionsResponse$;
    exports.ListJobs$ = ListJobs$;
    exports.ListJobsCommand = ListJobsCommand;
    exports.ListJobsRequest$ = ListJobsRequest$;
    exports.ListJobsResponse$ = ListJobsResponse$;
    exports.ListLabelingJobs$ = ListLabelingJobs$;
    exports.ListLabelingJobsCommand = ListLabelingJobsCommand;
    exports.ListLabelingJobsForWorkteam$ = ListLabelingJobsForWorkteam$;
    exports.ListLabelingJobsForWorkteamCommand = ListLabelingJobsForWorkteamCommand;
    exports.ListLabelingJobsForWorkteamRequest$ = ListLabelingJobsForWorkteamRequest$;
    exports.ListLabelingJobsForWorkteamResponse$ = ListLabelingJobsForWorkteamResponse$;
    exports.ListLabelingJobsForWorkteamSortByOptions = ListLabelingJobsForWorkteamSortByOptions;
    exports.ListLabelingJobsRequest$ = ListLabelingJobsRequest$;
    exports.ListLabelingJobsResponse$ = ListLabelingJobsResponse$;
    exports.ListLineageGroups$ = ListLineageGroups$;
    exports.ListLineageGroupsCommand = ListLineageGroupsCommand;
    exports.ListLineageGroupsRequest$ = ListLineageGroupsRequest$;
    exports.ListLineageGroupsResponse$ = ListLineageGroupsResponse$;
    exports.ListMlflowApps$ = ListMlflowApps$;
    exports.ListMlflowAppsCommand = ListMlflowAppsCommand;
    exports.ListMlflowAppsRequest$ = ListMlflowAppsRequest$;
    exports.ListMlflowAppsResponse$ = ListMlflowAppsResponse$;
    exports.ListMlflowTrackingServers$ = ListMlflowTrackingServers$;
    exports.ListMlflowTrackingServersCommand = ListMlflowTrackingServersCommand;
    exports.ListMlflowTrackingServersRequest$ = ListMlflowTrackingServersRequest$;
    exports.ListMlflowTrackingServersResponse$ = ListMlflowTrackingServersResponse$;
    exports.ListModelBiasJobDefinitions$ = ListModelBiasJobDefinitions$;
    exports.ListModelBiasJobDefinitionsCommand = ListModelBiasJobDefinitionsCommand;
    exports.ListModelBiasJobDefinitionsRequest$ = ListModelBiasJobDefinitionsRequest$;
    exports.ListModelBiasJobDefinitionsResponse$ = ListModelBiasJobDefinitionsResponse$;
    exports.ListModelCardExportJobs$ = ListModelCardExportJobs$;
    exports.ListModelCardExportJobsCommand = ListModelCardExportJobsCommand;
    exports.ListModelCardExportJobsRequest$ = ListModelCardExportJobsRequest$;
    exports.ListModelCardExportJobsResponse$ = ListModelCardExportJobsResponse$;
    exports.ListModelCardVersions$ = ListModelCardVersions$;
    exports.ListModelCardVersionsCommand = ListModelCardVersionsCommand;
    exports.ListModelCardVersionsRequest$ = ListModelCardVersionsRequest$;
    exports.ListModelCardVersionsResponse$ = ListModelCardVersionsResponse$;
    exports.ListModelCards$ = ListModelCards$;
    exports.ListModelCardsCommand = ListModelCardsCommand;
    exports.ListModelCardsRequest$ = ListModelCardsRequest$;
    exports.ListModelCardsResponse$ = ListModelCardsResponse$;
    exports.ListModelExplainabilityJobDefinitions$ = ListModelExplainabilityJobDefinitions$;
    exports.ListModelExplainabilityJobDefinitionsCommand = ListModelExplainabilityJobDefinitionsCommand;
    exports.ListModelExplainabilityJobDefinitionsRequest$ = ListModelExplainabilityJobDefinitionsRequest$;
    exports.ListModelExplainabilityJobDefinitionsResponse$ = ListModelExplainabilityJobDefinitionsResponse$;
    exports.ListModelMetadata$ = ListModelMetadata$;
    exports.ListModelMetadataCommand = ListModelMetadataCommand;
    exports.ListModelMetadataRequest$ = ListModelMetadataRequest$;
    exports.ListModelMetadataResponse$ = ListModelMetadataResponse$;
    exports.ListModelPackageGroups$ = ListModelPackageGroups$;
    exports.ListModelPackageGroupsCommand = ListModelPackageGroupsCommand;
    exports.ListModelPackageGroupsInput$ = ListModelPackageGroupsInput$;
    exports.ListModelPackageGroupsOutput$ = ListModelPackageGroupsOutput$;
    exports.ListModelPackages$ = ListModelPackages$;
    exports.ListModelPackagesCommand = ListModelPackagesCommand;
    exports.ListModelPackagesInput$ = ListModelPackagesInput$;
    exports.ListModelPackagesOutput$ = ListModelPackagesOutput$;
    exports.ListModelQualityJobDefinitions$ = ListModelQualityJobDefinitions$;
    exports.ListModelQualityJobDefinitionsCommand = ListModelQualityJobDefinitionsCommand;
    exports.ListModelQualityJobDefinitionsRequest$ = ListModelQualityJobDefinitionsRequest$;
    exports.ListModelQualityJobDefinitionsResponse$ = ListModelQualityJobDefinitionsResponse$;
    exports.ListModels$ = ListModels$;
    exports.ListModelsCommand = ListModelsCommand;
    exports.ListModelsInput$ = ListModelsInput$;
    exports.ListModelsOutput$ = ListModelsOutput$;
    exports.ListMonitoringAlertHistory$ = ListMonitoringAlertHistory$;
    exports.ListMonitoringAlertHistoryCommand = ListMonitoringAlertHistoryCommand;
    exports.ListMonitoringAlertHistoryRequest$ = ListMonitoringAlertHistoryRequest$;
    exports.ListMonitoringAlertHistoryResponse$ = ListMonitoringAlertHistoryResponse$;
    exports.ListMonitoringAlerts$ = ListMonitoringAlerts$;
    exports.ListMonitoringAlertsCommand = ListMonitoringAlertsCommand;
    exports.ListMonitoringAlertsRequest$ = ListMonitoringAlertsRequest$;
    exports.ListMonitoringAlertsResponse$ = ListMonitoringAlertsResponse$;
    exports.ListMonitoringExecutions$ = ListMonitoringExecutions$;
    exports.ListMonitoringExecutionsCommand = ListMonitoringExecutionsCommand;
    exports.ListMonitoringExecutionsRequest$ = ListMonitoringExecutionsRequest$;
    exports.ListMonitoringExecutionsResponse$ = ListMonitoringExecutionsResponse$;
    exports.ListMonitoringSchedules$ = ListMonitoringSchedules$;
    exports.ListMonitoringSchedulesCommand = ListMonitoringSchedulesCommand;
    exports.ListMonitoringSchedulesRequest$ = ListMonitoringSchedulesRequest$;
    exports.ListMonitoringSchedulesResponse$ = ListMonitoringSchedulesResponse$;
    exports.ListNotebookInstanceLifecycleConfigs$ = ListNotebookInstanceLifecycleConfigs$;
    exports.ListNotebookInstanceLifecycleConfigsCommand = ListNotebookInstanceLifecycleConfigsCommand;
    exports.ListNotebookInstanceLifecycleConfigsInput$ = ListNotebookInstanceLifecycleConfigsInput$;
    exports.ListNotebookInstanceLifecycleConfigsOutput$ = ListNotebookInstanceLifecycleConfigsOutput$;
    exports.ListNotebookInstances$ = ListNotebookInstances$;
    exports.ListNotebookInstancesCommand = ListNotebookInstancesCommand;
    exports.ListNotebookInstancesInput$ = ListNotebookInstancesInput$;
    exports.ListNotebookInstancesOutput$ = ListNotebookInstancesOutput$;
    exports.ListOptimizationJobs$ = ListOptimizationJobs$;
    exports.ListOptimizationJobsCommand = ListOptimizationJobsCommand;
    exports.ListOptimizationJobsRequest$ = ListOptimizationJobsRequest$;
    exports.ListOptimizationJobsResponse$ = ListOptimizationJobsResponse$;
    exports.ListOptimizationJobsSortBy = ListOptimizationJobsSortBy;
    exports.ListPartnerApps$ = ListPartnerApps$;
    exports.ListPartnerAppsCommand = ListPartnerAppsCommand;
    exports.ListPartnerAppsRequest$ = ListPartnerAppsRequest$;
    exports.ListPartnerAppsResponse$ = ListPartnerAppsResponse$;
    exports.ListPipelineExecutionSteps$ = ListPipelineExecutionSteps$;
    exports.ListPipelineExecutionStepsCommand = ListPipelineExecutionStepsCommand;
    exports.ListPipelineExecutionStepsRequest$ = ListPipelineExecutionStepsRequest$;
    exports.ListPipelineExecutionStepsResponse$ = ListPipelineExecutionStepsResponse$;
    exports.ListPipelineExecutions$ = ListPipelineExecutions$;
    exports.ListPipelineExecutionsCommand = ListPipelineExecutionsCommand;
    exports.ListPipelineExecutionsRequest$ = ListPipelineExecutionsRequest$;
    exports.ListPipelineExecutionsResponse$ = ListPipelineExecutionsResponse$;
    exports.ListPipelineParametersForExecution$ = ListPipelineParametersForExecution$;
    exports.ListPipelineParametersForExecutionCommand = ListPipelineParametersForExecutionCommand;
    exports.ListPipelineParametersForExecutionRequest$ = ListPipelineParametersForExecutionRequest$;
    exports.ListPipelineParametersForExecutionResponse$ = ListPipelineParametersForExecutionResponse$;
    exports.ListPipelineVersions$ = ListPipelineVersions$;
    exports.ListPipelineVersionsCommand = ListPipelineVersionsCommand;
    exports.ListPipelineVersionsRequest$ = ListPipelineVersionsRequest$;
    exports.ListPipelineVersionsResponse$ = ListPipelineVersionsResponse$;
    exports.ListPipelines$ = ListPipelines$;
    exports.ListPipelinesCommand = ListPipelinesCommand;
    exports.ListPipelinesRequest$ = ListPipelinesRequest$;
    exports.ListPipelinesResponse$ = ListPipelinesResponse$;
    exports.ListProcessingJobs$ = ListProcessingJobs$;
    exports.ListProcessingJobsCommand = ListProcessingJobsCommand;
    exports.ListProcessingJobsRequest$ = ListProcessingJobsRequest$;
    exports.ListProcessingJobsResponse$ = ListProcessingJobsResponse$;
    exports.ListProjects$ = ListProjects$;
    exports.ListProjectsCommand = ListProjectsCommand;
    exports.ListProjectsInput$ = ListProjectsInput$;
    exports.ListProjectsOutput$ = ListProjectsOutput$;
    exports.ListResourceCatalogs$ = ListResourceCatalogs$;
    exports.ListResourceCatalogsCommand = ListResourceCatalogsCommand;
    exports.ListResourceCatalogsRequest$ = ListResourceCatalogsRequest$;
    exports.ListResourceCatalogsResponse$ = ListResourceCatalogsResponse$;
    exports.ListSpaces$ = ListSpaces$;
    exports.ListSpacesCommand = ListSpacesCommand;
    exports.ListSpacesRequest$ = ListSpacesRequest$;
    exports.ListSpacesResponse$ = ListSpacesResponse$;
    exports.ListStageDevices$ = ListStageDevices$;
    exports.ListStageDevicesCommand = ListStageDevicesCommand;
    exports.ListStageDevicesRequest$ = ListStageDevicesRequest$;
    exports.ListStageDevicesResponse$ = ListStageDevicesResponse$;
    exports.ListStudioLifecycleConfigs$ = ListStudioLifecycleConfigs$;
    exports.ListStudioLifecycleConfigsCommand = ListStudioLifecycleConfigsCommand;
    exports.ListStudioLifecycleConfigsRequest$ = ListStudioLifecycleConfigsRequest$;
    exports.ListStudioLifecycleConfigsResponse$ = ListStudioLifecycleConfigsResponse$;
    exports.ListSubscribedWorkteams$ = ListSubscribedWorkteams$;
    exports.ListSubscribedWorkteamsCommand = ListSubscribedWorkteamsCommand;
    exports.ListSubscribedWorkteamsRequest$ = ListSubscribedWorkteamsRequest$;
    exports.ListSubscribedWorkteamsResponse$ = ListSubscribedWorkteamsResponse$;
    exports.ListTags$ = ListTags$;
    exports.ListTagsCommand = ListTagsCommand;
    exports.ListTagsInput$ = ListTagsInput$;
    exports.ListTagsOutput$ = ListTagsOutput$;
    exports.ListTrainingJobs$ = ListTrainingJobs$;
    exports.ListTrainingJobsCommand = ListTrainingJobsCommand;
    exports.ListTrainingJobsForHyperParameterTuningJob$ = ListTrainingJobsForHyperParameterTuningJob$;
    exports.ListTrainingJobsForHyperParameterTuningJobCommand = ListTrainingJobsForHyperParameterTuningJobCommand;
    exports.ListTrainingJobsForHyperParameterTuningJobRequest$ = ListTrainingJobsForHyperParameterTuningJobRequest$;
    exports.ListTrainingJobsForHyperParameterTuningJobResponse$ = ListTrainingJobsForHyperParameterTuningJobResponse$;
    exports.ListTrainingJobsRequest$ = ListTrainingJobsRequest$;
    exports.ListTrainingJobsResponse$ = ListTrainingJobsResponse$;
    exports.ListTrainingPlans$ = ListTrainingPlans$;
    exports.ListTrainingPlansCommand = ListTrainingPlansCommand;
    exports.ListTrainingPlansRequest$ = ListTrainingPlansRequest$;
    exports.ListTrainingPlansResponse$ = ListTrainingPlansResponse$;
    exports.ListTransformJobs$ = ListTransformJobs$;
    exports.ListTransformJobsCommand = ListTransformJobsCommand;
    exports.ListTransformJobsRequest$ = ListTransformJobsRequest$;
    exports.ListTransformJobsResponse$ = ListTransformJobsResponse$;
    exports.ListTrialComponents$ = ListTrialComponents$;
    exports.ListTrialComponentsCommand = ListTrialComponentsCommand;
    exports.ListTrialComponentsRequest$ = ListTrialComponentsRequest$;
    exports.ListTrialComponentsResponse$ = ListTrialComponentsResponse$;
    exports.ListTrials$ = ListTrials$;
    exports.ListTrialsCommand = ListTrialsCommand;
    exports.ListTrialsRequest$ = ListTrialsRequest$;
    exports.ListTrialsResponse$ = ListTrialsResponse$;
    exports.ListUltraServersByReservedCapacity$ = ListUltraServersByReservedCapacity$;
    exports.ListUltraServersByReservedCapacityCommand = ListUltraServersByReservedCapacityCommand;
    exports.ListUltraServersByReservedCapacityRequest$ = ListUltraServersByReservedCapacityRequest$;
    exports.ListUltraServersByReservedCapacityResponse$ = ListUltraServersByReservedCapacityResponse$;
    exports.ListUserProfiles$ = ListUserProfiles$;
    exports.ListUserProfilesCommand = ListUserProfilesCommand;
    exports.ListUserProfilesRequest$ = ListUserProfilesRequest$;
    exports.ListUserProfilesResponse$ = ListUserProfilesResponse$;
    exports.ListWorkforces$ = ListWorkforces$;
    exports.ListWorkforcesCommand = ListWorkforcesCommand;
    exports.ListWorkforcesRequest$ = ListWorkforcesRequest$;
    exports.ListWorkforcesResponse$ = ListWorkforcesResponse$;
    exports.ListWorkforcesSortByOptions = ListWorkforcesSortByOptions;
    exports.ListWorkteams$ = ListWorkteams$;
    exports.ListWorkteamsCommand = ListWorkteamsCommand;
    exports.ListWorkteamsRequest$ = ListWorkteamsRequest$;
    exports.ListWorkteamsResponse$ = ListWorkteamsResponse$;
    exports.ListWorkteamsSortByOptions = ListWorkteamsSortByOptions;
    exports.MIGProfileType = MIGProfileType;
    exports.MLflowConfiguration$ = MLflowConfiguration$;
    exports.MaintenanceStatus = MaintenanceStatus;
    exports.ManagedConfiguration$ = ManagedConfiguration$;
    exports.ManagedInstanceScalingScaleInStrategy = ManagedInstanceScalingScaleInStrategy;
    exports.ManagedInstanceScalingStatus = ManagedInstanceScalingStatus;
    exports.ManagedStorageType = ManagedStorageType;
    exports.MemberDefinition$ = MemberDefinition$;
    exports.MetadataProperties$ = MetadataProperties$;
    exports.MetricData$ = MetricData$;
    exports.MetricDatum$ = MetricDatum$;
    exports.MetricDefinition$ = MetricDefinition$;
    exports.MetricPublishFrequencyInSeconds = MetricPublishFrequencyInSeconds;
    exports.MetricSetSource = MetricSetSource;
    exports.MetricSpecification$ = MetricSpecification$;
    exports.MetricsConfig$ = MetricsConfig$;
    exports.MetricsEndpoint$ = MetricsEndpoint$;
    exports.MetricsSource$ = MetricsSource$;
    exports.MlTools = MlTools;
    exports.MlflowAppStatus = MlflowAppStatus;
    exports.MlflowAppSummary$ = MlflowAppSummary$;
    exports.MlflowConfig$ = MlflowConfig$;
    exports.MlflowDetails$ = MlflowDetails$;
    exports.Model$ = Model$;
    exports.ModelAccessConfig$ = ModelAccessConfig$;
    exports.ModelApprovalStatus = ModelApprovalStatus;
    exports.ModelArtifacts$ = ModelArtifacts$;
    exports.ModelBiasAppSpecification$ = ModelBiasAppSpecification$;
    exports.ModelBiasBaselineConfig$ = ModelBiasBaselineConfig$;
    exports.ModelBiasJobInput$ = ModelBiasJobInput$;
    exports.ModelCacheSetting = ModelCacheSetting;
    exports.ModelCard$ = ModelCard$;
    exports.ModelCardExportArtifacts$ = ModelCardExportArtifacts$;
    exports.ModelCardExportJobSortBy = ModelCardExportJobSortBy;
    exports.ModelCardExportJobSortOrder = ModelCardExportJobSortOrder;
    exports.ModelCardExportJobStatus = ModelCardExportJobStatus;
    exports.ModelCardExportJobSummary$ = ModelCardExportJobSummary$;
    exports.ModelCardExportOutputConfig$ = ModelCardExportOutputConfig$;
    exports.ModelCardProcessingStatus = ModelCardProcessingStatus;
    exports.ModelCardSecurityConfig$ = ModelCardSecurityConfig$;
    exports.ModelCardSortBy = ModelCardSortBy;
    exports.ModelCardSortOrder = ModelCardSortOrder;
    exports.ModelCardStatus = ModelCardStatus;
    exports.ModelCardSummary$ = ModelCardSummary$;
    exports.ModelCardVersionSortBy = ModelCardVersionSortBy;
    exports.ModelCardVersionSummary$ = ModelCardVersionSummary$;
    exports.ModelClientConfig$ = ModelClientConfig$;
    exports.ModelCompilationConfig$ = ModelCompilationConfig$;
    exports.ModelCompressionType = ModelCompressionType;
    exports.ModelConfiguration$ = ModelConfiguration$;
    exports.ModelDashboardEndpoint$ = ModelDashboardEndpoint$;
    exports.ModelDashboardIndicatorAction$ = ModelDashboardIndicatorAction$;
    exports.ModelDashboardModel$ = ModelDashboardModel$;
    exports.ModelDashboardModelCard$ = ModelDashboardModelCard$;
    exports.ModelDashboardMonitoringSchedule$ = ModelDashboardMonitoringSchedule$;
    exports.ModelDataQuality$ = ModelDataQuality$;
    exports.ModelDataSource$ = ModelDataSource$;
    exports.ModelDeployConfig$ = ModelDeployConfig$;
    exports.ModelDeployResult$ = ModelDeployResult$;
    exports.ModelDigests$ = ModelDigests$;
    exports.ModelExplainabilityAppSpecification$ = ModelExplainabilityAppSpecification$;
    exports.ModelExplainabilityBaselineConfig$ = ModelExplainabilityBaselineConfig$;
    exports.ModelExplainabilityJobInput$ = ModelExplainabilityJobInput$;
    exports.ModelInfrastructureConfig$ = ModelInfrastructureConfig$;
    exports.ModelInfrastructureType = ModelInfrastructureType;
    exports.ModelInput$ = ModelInput$;
    exports.ModelLatencyThreshold$ = ModelLatencyThreshold$;
    exports.ModelLifeCycle$ = ModelLifeCycle$;
    exports.ModelMetadataFilter$ = ModelMetadataFilter$;
    exports.ModelMetadataFilterType = ModelMetadataFilterType;
    exports.ModelMetadataSearchExpression$ = ModelMetadataSearchExpression$;
    exports.ModelMetadataSummary$ = ModelMetadataSummary$;
    exports.ModelMetrics$ = ModelMetrics$;
    exports.ModelPackage$ = ModelPackage$;
    exports.ModelPackageConfig$ = ModelPackageConfig$;
    exports.ModelPackageContainerDefinition$ = ModelPackageContainerDefinition$;
    exports.ModelPackageGroup$ = ModelPackageGroup$;
    exports.ModelPackageGroupSortBy = ModelPackageGroupSortBy;
    exports.ModelPackageGroupStatus = ModelPackageGroupStatus;
    exports.ModelPackageGroupSummary$ = ModelPackageGroupSummary$;
    exports.ModelPackageModelCard$ = ModelPackageModelCard$;
    exports.ModelPackageRegistrationType = ModelPackageRegistrationType;
    exports.ModelPackageSecurityConfig$ = ModelPackageSecurityConfig$;
    exports.ModelPackageSortBy = ModelPackageSortBy;
    exports.ModelPackageStatus = ModelPackageStatus;
    exports.ModelPackageStatusDetails$ = ModelPackageStatusDetails$;
    exports.ModelPackageStatusItem$ = ModelPackageStatusItem$;
    exports.ModelPackageSummary$ = ModelPackageSummary$;
    exports.ModelPackageType = ModelPackageType;
    exports.ModelPackageValidationProfile$ = ModelPackageValidationProfile$;
    exports.ModelPackageValidationSpecification$ = ModelPackageValidationSpecification$;
    exports.ModelQuality$ = ModelQuality$;
    exports.ModelQualityAppSpecification$ = ModelQualityAppSpecification$;
    exports.ModelQualityBaselineConfig$ = ModelQualityBaselineConfig$;
    exports.ModelQualityJobInput$ = ModelQualityJobInput$;
    exports.ModelQuantizationConfig$ = ModelQuantizationConfig$;
    exports.ModelRegisterSettings$ = ModelRegisterSettings$;
    exports.ModelRegistrationMode = ModelRegistrationMode;
    exports.ModelShardingConfig$ = ModelShardingConfig$;
    exports.ModelSortKey = ModelSortKey;
    exports.ModelSpeculativeDecodingConfig$ = ModelSpeculativeDecodingConfig$;
    exports.ModelSpeculativeDecodingS3DataType = ModelSpeculativeDecodingS3DataType;
    exports.ModelSpeculativeDecodingTechnique = ModelSpeculativeDecodingTechnique;
    exports.ModelSpeculativeDecodingTrainingDataSource$ = ModelSpeculativeDecodingTrainingDataSource$;
    exports.ModelStepMetadata$ = ModelStepMetadata$;
    exports.ModelSummary$ = ModelSummary$;
    exports.ModelVariantAction = ModelVariantAction;
    exports.ModelVariantConfig$ = ModelVariantConfig$;
    exports.ModelVariantConfigSummary$ = ModelVariantConfigSummary$;
    exports.ModelVariantStatus = ModelVariantStatus;
    exports.MonitoringAlertActions$ = MonitoringAlertActions$;
    exports.MonitoringAlertHistorySortKey = MonitoringAlertHistorySortKey;
    exports.MonitoringAlertHistorySummary$ = MonitoringAlertHistorySummary$;
    exports.MonitoringAlertStatus = MonitoringAlertStatus;
    exports.MonitoringAlertSummary$ = MonitoringAlertSummary$;
    exports.MonitoringAppSpecification$ = MonitoringAppSpecification$;
    exports.MonitoringBaselineConfig$ = MonitoringBaselineConfig$;
    exports.MonitoringClusterConfig$ = MonitoringClusterConfig$;
    exports.MonitoringConstraintsResource$ = MonitoringConstraintsResource$;
    exports.MonitoringCsvDatasetFormat$ = MonitoringCsvDatasetFormat$;
    exports.MonitoringDatasetFormat$ = MonitoringDatasetFormat$;
    exports.MonitoringExecutionSortKey = MonitoringExecutionSortKey;
    exports.MonitoringExecutionSummary$ = MonitoringExecutionSummary$;
    exports.MonitoringGroundTruthS3Input$ = MonitoringGroundTruthS3Input$;
    exports.MonitoringInput$ = MonitoringInput$;
    exports.MonitoringJobDefinition$ = MonitoringJobDefinition$;
    exports.MonitoringJobDefinitionSortKey = MonitoringJobDefinitionSortKey;
    exports.MonitoringJobDefinitionSummary$ = MonitoringJobDefinitionSummary$;
    exports.MonitoringJsonDatasetFormat$ = MonitoringJsonDatasetFormat$;
    exports.MonitoringNetworkConfig$ = MonitoringNetworkConfig$;
    exports.MonitoringOutput$ = MonitoringOutput$;
    exports.MonitoringOutputConfig$ = MonitoringOutputConfig$;
    exports.MonitoringParquetDatasetFormat$ = MonitoringParquetDatasetFormat$;
    exports.MonitoringProblemType = MonitoringProblemType;
    exports.MonitoringResources$ = MonitoringResources$;
    exports.MonitoringS3Output$ = MonitoringS3Output$;
    exports.MonitoringSchedule$ = MonitoringSchedule$;
    exports.MonitoringScheduleConfig$ = MonitoringScheduleConfig$;
    exports.MonitoringScheduleSortKey = MonitoringScheduleSortKey;
    exports.MonitoringScheduleSummary$ = MonitoringScheduleSummary$;
    exports.MonitoringStatisticsResource$ = MonitoringStatisticsResource$;
    exports.MonitoringStoppingCondition$ = MonitoringStoppingCondition$;
    exports.MonitoringType = MonitoringType;
    exports.MultiModelConfig$ = MultiModelConfig$;
    exports.NeoVpcConfig$ = NeoVpcConfig$;
    exports.NestedFilters$ = NestedFilters$;
    exports.NetworkConfig$ = NetworkConfig$;
    exports.NodeAdditionResult$ = NodeAdditionResult$;
    exports.NodeUnavailabilityType = NodeUnavailabilityType;
    exports.NotebookInstanceAcceleratorType = NotebookInstanceAcceleratorType;
    exports.NotebookInstanceLifecycleConfigSortKey = NotebookInstanceLifecycleConfigSortKey;
    exports.NotebookInstanceLifecycleConfigSortOrder = NotebookInstanceLifecycleConfigSortOrder;
    exports.NotebookInstanceLifecycleConfigSummary$ = NotebookInstanceLifecycleConfigSummary$;
    exports.NotebookInstanceLifecycleHook$ = NotebookInstanceLifecycleHook$;
    exports.NotebookInstanceSortKey = NotebookInstanceSortKey;
    exports.NotebookInstanceSortOrder = NotebookInstanceSortOrder;
    exports.NotebookInstanceStatus = NotebookInstanceStatus;
    exports.NotebookInstanceSummary$ = NotebookInstanceSummary$;
    exports.NotebookOutputOption = NotebookOutputOption;
    exports.NotificationConfiguration$ = NotificationConfiguration$;
    exports.ObjectiveStatus = ObjectiveStatus;
    exports.ObjectiveStatusCounters$ = ObjectiveStatusCounters$;
    exports.OfflineStoreConfig$ = OfflineStoreConfig$;
    exports.OfflineStoreStatus$ = OfflineStoreStatus$;
    exports.OfflineStoreStatusValue = OfflineStoreStatusValue;
    exports.OidcConfig$ = OidcConfig$;
    exports.OidcConfigForResponse$ = OidcConfigForResponse$;
    exports.OidcMemberDefinition$ = OidcMemberDefinition$;
    exports.OnlineStoreConfig$ = OnlineStoreConfig$;
    exports.OnlineStoreConfigUpdate$ = OnlineStoreConfigUpdate$;
    exports.OnlineStoreSecurityConfig$ = OnlineStoreSecurityConfig$;
    exports.Operator = Operator;
    exports.OptimizationConfig$ = OptimizationConfig$;
    exports.OptimizationJobDeploymentInstanceType = OptimizationJobDeploymentInstanceType;
    exports.OptimizationJobModelSource$ = OptimizationJobModelSource$;
    exports.OptimizationJobModelSourceS3$ = OptimizationJobModelSourceS3$;
    exports.OptimizationJobOutputConfig$ = OptimizationJobOutputConfig$;
    exports.OptimizationJobStatus = OptimizationJobStatus;
    exports.OptimizationJobSummary$ = OptimizationJobSummary$;
    exports.OptimizationModelAccessConfig$ = OptimizationModelAccessConfig$;
    exports.OptimizationOutput$ = OptimizationOutput$;
    exports.OptimizationSageMakerModel$ = OptimizationSageMakerModel$;
    exports.OptimizationVpcConfig$ = OptimizationVpcConfig$;
    exports.OrderKey = OrderKey;
    exports.OutputCompressionType = OutputCompressionType;
    exports.OutputConfig$ = OutputConfig$;
    exports.OutputDataConfig$ = OutputDataConfig$;
    exports.OutputParameter$ = OutputParameter$;
    exports.OwnershipSettings$ = OwnershipSettings$;
    exports.OwnershipSettingsSummary$ = OwnershipSettingsSummary$;
    exports.ParallelismConfiguration$ = ParallelismConfiguration$;
    exports.Parameter$ = Parameter$;
    exports.ParameterRange$ = ParameterRange$;
    exports.ParameterRanges$ = ParameterRanges$;
    exports.ParameterType = ParameterType;
    exports.Parent$ = Parent$;
    exports.ParentHyperParameterTuningJob$ = ParentHyperParameterTuningJob$;
    exports.PartnerAppAuthType = PartnerAppAuthType;
    exports.PartnerAppConfig$ = PartnerAppConfig$;
    exports.PartnerAppMaintenanceConfig$ = PartnerAppMaintenanceConfig$;
    exports.PartnerAppStatus = PartnerAppStatus;
    exports.PartnerAppSummary$ = PartnerAppSummary$;
    exports.PartnerAppType = PartnerAppType;
    exports.Peft = Peft;
    exports.PendingDeploymentSummary$ = PendingDeploymentSummary$;
    exports.PendingProductionVariantSummary$ = PendingProductionVariantSummary$;
    exports.Phase$ = Phase$;
    exports.Pipeline$ = Pipeline$;
    exports.PipelineDefinitionS3Location$ = PipelineDefinitionS3Location$;
    exports.PipelineExecution$ = PipelineExecution$;
    exports.PipelineExecutionStatus = PipelineExecutionStatus;
    exports.PipelineExecutionStep$ = PipelineExecutionStep$;
    exports.PipelineExecutionStepMetadata$ = PipelineExecutionStepMetadata$;
    exports.PipelineExecutionSummary$ = PipelineExecutionSummary$;
    exports.PipelineExperimentConfig$ = PipelineExperimentConfig$;
    exports.PipelineStatus = PipelineStatus;
    exports.PipelineSummary$ = PipelineSummary$;
    exports.PipelineVersion$ = PipelineVersion$;
    exports.PipelineVersionSummary$ = PipelineVersionSummary$;
    exports.PlacementSpecification$ = PlacementSpecification$;
    exports.PredefinedMetricSpecification$ = PredefinedMetricSpecification$;
    exports.PreemptTeamTasks = PreemptTeamTasks;
    exports.PrefixAwareRoutingConfig$ = PrefixAwareRoutingConfig$;
    exports.PresignedUrlAccessConfig$ = PresignedUrlAccessConfig$;
    exports.PriorityClass$ = PriorityClass$;
    exports.ProblemType = ProblemType;
    exports.ProcessingClusterConfig$ = ProcessingClusterConfig$;
    exports.ProcessingFeatureStoreOutput$ = ProcessingFeatureStoreOutput$;
    exports.ProcessingInput$ = ProcessingInput$;
    exports.ProcessingInstancePreference$ = ProcessingInstancePreference$;
    exports.ProcessingInstanceType = ProcessingInstanceType;
    exports.ProcessingJob$ = ProcessingJob$;
    exports.ProcessingJobStatus = ProcessingJobStatus;
    exports.ProcessingJobStepMetadata$ = ProcessingJobStepMetadata$;
    exports.ProcessingJobSummary$ = ProcessingJobSummary$;
    exports.ProcessingOutput$ = ProcessingOutput$;
    exports.ProcessingOutputConfig$ = ProcessingOutputConfig$;
    exports.ProcessingResources$ = ProcessingResources$;
    exports.ProcessingS3CompressionType = ProcessingS3CompressionType;
    exports.ProcessingS3DataDistributionType = ProcessingS3DataDistributionType;
    exports.ProcessingS3DataType = ProcessingS3DataType;
    exports.ProcessingS3Input$ = ProcessingS3Input$;
    exports.ProcessingS3InputMode = ProcessingS3InputMode;
    exports.ProcessingS3Output$ = ProcessingS3Output$;
    exports.ProcessingS3UploadMode = ProcessingS3UploadMode;
    exports.ProcessingStoppingCondition$ = ProcessingStoppingCondition$;
    exports.Processor = Processor;
    exports.ProductionVariant$ = ProductionVariant$;
    exports.ProductionVariantAcceleratorType = ProductionVariantAcceleratorType;
    exports.ProductionVariantCapacityReservationConfig$ = ProductionVariantCapacityReservationConfig$;
    exports.ProductionVariantCapacityReservationSummary$ = ProductionVariantCapacityReservationSummary$;
    exports.ProductionVariantCoreDumpConfig$ = ProductionVariantCoreDumpConfig$;
    exports.ProductionVariantInferenceAmiVersion = ProductionVariantInferenceAmiVersion;
    exports.ProductionVariantInstanceType = ProductionVariantInstanceType;
    exports.ProductionVariantManagedInstanceScaling$ = ProductionVariantManagedInstanceScaling$;
    exports.ProductionVariantManagedInstanceScalingScaleInPolicy$ = ProductionVariantManagedInstanceScalingScaleInPolicy$;
    exports.ProductionVariantRoutingConfig$ = ProductionVariantRoutingConfig$;
    exports.ProductionVariantServerlessConfig$ = ProductionVariantServerlessConfig$;
    exports.ProductionVariantServerlessUpdateConfig$ = ProductionVariantServerlessUpdateConfig$;
    exports.ProductionVariantStatus$ = ProductionVariantStatus$;
    exports.ProductionVariantSummary$ = ProductionVariantSummary$;
    exports.ProfilerConfig$ = ProfilerConfig$;
    exports.ProfilerConfigForUpdate$ = ProfilerConfigForUpdate$;
    exports.ProfilerRuleConfiguration$ = ProfilerRuleConfiguration$;
    exports.ProfilerRuleEvaluationStatus$ = ProfilerRuleEvaluationStatus$;
    exports.ProfilingStatus = ProfilingStatus;
    exports.Project$ = Project$;
    exports.ProjectSortBy = ProjectSortBy;
    exports.ProjectSortOrder = ProjectSortOrder;
    exports.ProjectStatus = ProjectStatus;
    exports.ProjectSummary$ = ProjectSummary$;
    exports.PropertyNameQuery$ = PropertyNameQuery$;
    exports.PropertyNameSuggestion$ = PropertyNameSuggestion$;
    exports.ProvisioningParameter$ = ProvisioningParameter$;
    exports.PublicWorkforceTaskPrice$ = PublicWorkforceTaskPrice$;
    exports.PutModelPackageGroupPolicy$ = PutModelPackageGroupPolicy$;
    exports.PutModelPackageGroupPolicyCommand = PutModelPackageGroupPolicyCommand;
    exports.PutModelPackageGroupPolicyInput$ = PutModelPackageGroupPolicyInput$;
    exports.PutModelPackageGroupPolicyOutput$ = PutModelPackageGroupPolicyOutput$;
    exports.QualityCheckStepMetadata$ = QualityCheckStepMetadata$;
    exports.QueryFilters$ = QueryFilters$;
    exports.QueryLineage$ = QueryLineage$;
    exports.QueryLineageCommand = QueryLineageCommand;
    exports.QueryLineageRequest$ = QueryLineageRequest$;
    exports.QueryLineageResponse$ = QueryLineageResponse$;
    exports.RSessionAppSettings$ = RSessionAppSettings$;
    exports.RStudioServerProAccessStatus = RStudioServerProAccessStatus;
    exports.RStudioServerProAppSettings$ = RStudioServerProAppSettings$;
    exports.RStudioServerProDomainSettings$ = RStudioServerProDomainSettings$;
    exports.RStudioServerProDomainSettingsForUpdate$ = RStudioServerProDomainSettingsForUpdate$;
    exports.RStudioServerProUserGroup = RStudioServerProUserGroup;
    exports.RealTimeInferenceConfig$ = RealTimeInferenceConfig$;
    exports.RealTimeInferenceRecommendation$ = RealTimeInferenceRecommendation$;
    exports.RecommendationJobCompiledOutputConfig$ = RecommendationJobCompiledOutputConfig$;
    exports.RecommendationJobContainerConfig$ = RecommendationJobContainerConfig$;
    exports.RecommendationJobInferenceBenchmark$ = RecommendationJobInferenceBenchmark$;
    exports.RecommendationJobInputConfig$ = RecommendationJobInputConfig$;
    exports.RecommendationJobOutputConfig$ = RecommendationJobOutputConfig$;
    exports.RecommendationJobPayloadConfig$ = RecommendationJobPayloadConfig$;
    exports.RecommendationJobResourceLimit$ = RecommendationJobResourceLimit$;
    exports.RecommendationJobStatus = RecommendationJobStatus;
    exports.RecommendationJobStoppingConditions$ = RecommendationJobStoppingConditions$;
    exports.RecommendationJobSupportedEndpointType = RecommendationJobSupportedEndpointType;
    exports.RecommendationJobType = RecommendationJobType;
    exports.RecommendationJobVpcConfig$ = RecommendationJobVpcConfig$;
    exports.RecommendationMetrics$ = RecommendationMetrics$;
    exports.RecommendationStatus = RecommendationStatus;
    exports.RecommendationStepType = RecommendationStepType;
    exports.RecordWrapper = RecordWrapper;
    exports.RedshiftDatasetDefinition$ = RedshiftDatasetDefinition$;
    exports.RedshiftResultCompressionType = RedshiftResultCompressionType;
    exports.RedshiftResultFormat = RedshiftResultFormat;
    exports.RegisterDevices$ = RegisterDevices$;
    exports.RegisterDevicesCommand = RegisterDevicesCommand;
    exports.RegisterDevicesRequest$ = RegisterDevicesRequest$;
    exports.RegisterModelStepMetadata$ = RegisterModelStepMetadata$;
    exports.Relation = Relation;
    exports.RemoteDebugConfig$ = RemoteDebugConfig$;
    exports.RemoteDebugConfigForUpdate$ = RemoteDebugConfigForUpdate$;
    exports.RenderUiTemplate$ = RenderUiTemplate$;
    exports.RenderUiTemplateCommand = RenderUiTemplateCommand;
    exports.RenderUiTemplateRequest$ = RenderUiTemplateRequest$;
    exports.RenderUiTemplateResponse$ = RenderUiTemplateResponse$;
    exports.RenderableTask$ = RenderableTask$;
    exports.RenderingError$ = RenderingError$;
    exports.RepositoryAccessMode = RepositoryAccessMode;
    exports.RepositoryAuthConfig$ = RepositoryAuthConfig$;
    exports.ReservedCapacityInstanceType = ReservedCapacityInstanceType;
    exports.ReservedCapacityOffering$ = ReservedCapacityOffering$;
    exports.ReservedCapacityStatus = ReservedCapacityStatus;
    exports.ReservedCapacitySummary$ = ReservedCapacitySummary$;
    exports.ReservedCapacityType = ReservedCapacityType;
    exports.ResolvedAttributes$ = ResolvedAttributes$;
    exports.ResourceCatalog$ = ResourceCatalog$;
    exports.ResourceCatalogSortBy = ResourceCatalogSortBy;
    exports.ResourceCatalogSortOrder = ResourceCatalogSortOrder;
    exports.ResourceConfig$ = ResourceConfig$;
    exports.ResourceConfigForUpdate$ = ResourceConfigForUpdate$;
    exports.ResourceInUse = ResourceInUse;
    exports.ResourceInUse$ = ResourceInUse$;
    exports.ResourceLimitExceeded = ResourceLimitExceeded;
    exports.ResourceLimitExceeded$ = ResourceLimitExceeded$;
    exports.ResourceLimits$ = ResourceLimits$;
    exports.ResourceNotFound = ResourceNotFound;
    exports.ResourceNotFound$ = ResourceNotFound$;
    exports.ResourceSharingConfig$ = ResourceSharingConfig$;
    exports.ResourceSharingStrategy = ResourceSharingStrategy;
    exports.ResourceSpec$ = ResourceSpec$;
    exports.ResourceType = ResourceType;
    exports.RetentionPolicy$ = RetentionPolicy$;
    exports.RetentionType = RetentionType;
    exports.RetryPipelineExecution$ = RetryPipelineExecution$;
    exports.RetryPipelineExecutionCommand = RetryPipelineExecutionCommand;
    exports.RetryPipelineExecutionRequest$ = RetryPipelineExecutionRequest$;
    exports.RetryPipelineExecutionResponse$ = RetryPipelineExecutionResponse$;
    exports.RetryStrategy$ = RetryStrategy$;
    exports.RoleGroupAssignment$ = RoleGroupAssignment$;
    exports.RollingDeploymentPolicy$ = RollingDeploymentPolicy$;
    exports.RollingUpdatePolicy$ = RollingUpdatePolicy$;
    exports.RootAccess = RootAccess;
    exports.RoutingStrategy = RoutingStrategy;
    exports.RuleEvaluationStatus = RuleEvaluationStatus;
    exports.S3DataDistribution = S3DataDistribution;
    exports.S3DataSource$ = S3DataSource$;
    exports.S3DataType = S3DataType;
    exports.S3FileSystem$ = S3FileSystem$;
    exports.S3FileSystemConfig$ = S3FileSystemConfig$;
    exports.S3ModelDataSource$ = S3ModelDataSource$;
    exports.S3ModelDataType = S3ModelDataType;
    exports.S3Presign$ = S3Presign$;
    exports.S3StorageConfig$ = S3StorageConfig$;
    exports.SageMaker = SageMaker;
    exports.SageMakerClient = SageMakerClient2;
    exports.SageMakerImageName = SageMakerImageName;
    exports.SageMakerResourceName = SageMakerResourceName;
    exports.SageMakerServiceException = SageMakerServiceException;
    exports.SageMakerServiceException$ = SageMakerServiceException$;
    exports.SagemakerServicecatalogStatus = SagemakerServicecatalogStatus;
    exports.ScalingPolicy$ = ScalingPolicy$;
    exports.ScalingPolicyMetric$ = ScalingPolicyMetric$;
    exports.ScalingPolicyObjective$ = ScalingPolicyObjective$;
    exports.ScheduleConfig$ = ScheduleConfig$;
    exports.ScheduleStatus = ScheduleStatus;
    exports.ScheduledUpdateConfig$ = ScheduledUpdateConfig$;
    exports.SchedulerConfig$ = SchedulerConfig$;
    exports.SchedulerConfigComponent = SchedulerConfigComponent;
    exports.SchedulerResourceStatus = SchedulerResourceStatus;
    exports.Search$ = Search$;
    exports.SearchCommand = SearchCommand;
    exports.SearchExpression$ = SearchExpression$;
    exports.SearchRecord$ = SearchRecord$;
    exports.SearchRequest$ = SearchRequest$;
    exports.SearchResponse$ = SearchResponse$;
    exports.SearchSortOrder = SearchSortOrder;
    exports.SearchTrainingPlanOfferings$ = SearchTrainingPlanOfferings$;
    exports.SearchTrainingPlanOfferingsCommand = SearchTrainingPlanOfferingsCommand;
    exports.SearchTrainingPlanOfferingsRequest$ = SearchTrainingPlanOfferingsRequest$;
    exports.SearchTrainingPlanOfferingsResponse$ = SearchTrainingPlanOfferingsResponse$;
    exports.SecondaryStatus = SecondaryStatus;
    exports.SecondaryStatusTransition$ = SecondaryStatusTransition$;
    exports.SelectedStep$ = SelectedStep$;
    exports.SelectiveExecutionConfig$ = SelectiveExecutionConfig$;
    exports.SelectiveExecutionResult$ = SelectiveExecutionResult$;
    exports.SendPipelineExecutionStepFailure$ = SendPipelineExecutionStepFailure$;
    exports.SendPipelineExecutionStepFailureCommand = SendPipelineExecutionStepFailureCommand;
    exports.SendPipelineExecutionStepFailureRequest$ = SendPipelineExecutionStepFailureRequest$;
    exports.SendPipelineExecutionStepFailureResponse$ = SendPipelineExecutionStepFailureResponse$;
    exports.SendPipelineExecutionStepSuccess$ = SendPipelineExecutionStepSuccess$;
    exports.SendPipelineExecutionStepSuccessCommand = SendPipelineExecutionStepSuccessCommand;
    exports.SendPipelineExecutionStepSuccessRequest$ = SendPipelineExecutionStepSuccessRequest$;
    exports.SendPipelineExecutionStepSuccessResponse$ = SendPipelineExecutionStepSuccessResponse$;
    exports.ServerlessJobConfig$ = ServerlessJobConfig$;
    exports.ServerlessJobType = ServerlessJobType;
    exports.ServiceCatalogProvisionedProductDetails$ = ServiceCatalogProvisionedProductDetails$;
    exports.ServiceCatalogProvisioningDetails$ = ServiceCatalogProvisioningDetails$;
    exports.ServiceCatalogProvisioningUpdateDetails$ = ServiceCatalogProvisioningUpdateDetails$;
    exports.SessionChainingConfig$ = SessionChainingConfig$;
    exports.ShadowModeConfig$ = ShadowModeConfig$;
    exports.ShadowModelVariantConfig$ = ShadowModelVariantConfig$;
    exports.SharingSettings$ = SharingSettings$;
    exports.SharingType = SharingType;
    exports.ShuffleConfig$ = ShuffleConfig$;
    exports.SkipModelValidation = SkipModelValidation;
    exports.SoftwareUpdateStatus = SoftwareUpdateStatus;
    exports.SortActionsBy = SortActionsBy;
    exports.SortArtifactsBy = SortArtifactsBy;
    exports.SortAssociationsBy = SortAssociationsBy;
    exports.SortBy = SortBy;
    exports.SortClusterSchedulerConfigBy = SortClusterSchedulerConfigBy;
    exports.SortContextsBy = SortContextsBy;
    exports.SortExperimentsBy = SortExperimentsBy;
    exports.SortInferenceExperimentsBy = SortInferenceExperimentsBy;
    exports.SortLineageGroupsBy = SortLineageGroupsBy;
    exports.SortMlflowAppBy = SortMlflowAppBy;
    exports.SortOrder = SortOrder;
    exports.SortPipelineExecutionsBy = SortPipelineExecutionsBy;
    exports.SortPipelinesBy = SortPipelinesBy;
    exports.SortQuotaBy = SortQuotaBy;
    exports.SortTrackingServerBy = SortTrackingServerBy;
    exports.SortTrialComponentsBy = SortTrialComponentsBy;
    exports.SortTrialsBy = SortTrialsBy;
    exports.SourceAlgorithm$ = SourceAlgorithm$;
    exports.SourceAlgorithmSpecification$ = SourceAlgorithmSpecification$;
    exports.SourceIpConfig$ = SourceIpConfig$;
    exports.SpaceAppLifecycleManagement$ = SpaceAppLifecycleManagement$;
    exports.SpaceCodeEditorAppSettings$ = SpaceCodeEditorAppSettings$;
    exports.SpaceDetails$ = SpaceDetails$;
    exports.SpaceIdleSettings$ = SpaceIdleSettings$;
    exports.SpaceJupyterLabAppSettings$ = SpaceJupyterLabAppSettings$;
    exports.SpaceSettings$ = SpaceSettings$;
    exports.SpaceSettingsSummary$ = SpaceSettingsSummary$;
    exports.SpaceSharingSettings$ = SpaceSharingSettings$;
    exports.SpaceSharingSettingsSummary$ = SpaceSharingSettingsSummary$;
    exports.SpaceSortKey = SpaceSortKey;
    exports.SpaceStatus = SpaceStatus;
    exports.SpaceStorageSettings$ = SpaceStorageSettings$;
    exports.SplitType = SplitType;
    exports.StageStatus = StageStatus;
    exports.Stairs$ = Stairs$;
    exports.StartClusterHealthCheck$ = StartClusterHealthCheck$;
    exports.StartClusterHealthCheckCommand = StartClusterHealthCheckCommand;
    exports.StartClusterHealthCheckRequest$ = StartClusterHealthCheckRequest$;
    exports.StartClusterHealthCheckResponse$ = StartClusterHealthCheckResponse$;
    exports.StartEdgeDeploymentStage$ = StartEdgeDeploymentStage$;
    exports.StartEdgeDeploymentStageCommand = StartEdgeDeploymentStageCommand;
    exports.StartEdgeDeploymentStageRequest$ = StartEdgeDeploymentStageRequest$;
    exports.StartInferenceExperiment$ = StartInferenceExperiment$;
    exports.StartInferenceExperimentCommand = StartInferenceExperimentCommand;
    exports.StartInferenceExperimentRequest$ = StartInferenceExperimentRequest$;
    exports.StartInferenceExperimentResponse$ = StartInferenceExperimentResponse$;
    exports.StartMlflowTrackingServer$ = StartMlflowTrackingServer$;
    exports.StartMlflowTrackingServerCommand = StartMlflowTrackingServerCommand;
    exports.StartMlflowTrackingServerRequest$ = StartMlflowTrackingServerRequest$;
    exports.StartMlflowTrackingServerResponse$ = StartMlflowTrackingServerResponse$;
    exports.StartMonitoringSchedule$ = StartMonitoringSchedule$;
    exports.StartMonitoringScheduleCommand = StartMonitoringScheduleCommand;
    exports.StartMonitoringScheduleRequest$ = StartMonitoringScheduleRequest$;
    exports.StartNotebookInstance$ = StartNotebookInstance$;
    exports.StartNotebookInstanceCommand = StartNotebookInstanceCommand;
    exports.StartNotebookInstanceInput$ = StartNotebookInstanceInput$;
    exports.StartPipelineExecution$ = StartPipelineExecution$;
    exports.StartPipelineExecutionCommand = StartPipelineExecutionCommand;
    exports.StartPipelineExecutionRequest$ = StartPipelineExecutionRequest$;
    exports.StartPipelineExecutionResponse$ = StartPipelineExecutionResponse$;
    exports.StartSession$ = StartSession$;
    exports.StartSessionCommand = StartSessionCommand;
    exports.StartSessionRequest$ = StartSessionRequest$;
    exports.StartSessionResponse$ = StartSessionResponse$;
    exports.Statistic = Statistic;
    exports.StepStatus = StepStatus;
    exports.StopAIBenchmarkJob$ = StopAIBenchmarkJob$;
    exports.StopAIBenchmarkJobCommand = StopAIBenchmarkJobCommand;
    exports.StopAIBenchmarkJobRequest$ = StopAIBenchmarkJobRequest$;
    exports.StopAIBenchmarkJobResponse$ = StopAIBenchmarkJobResponse$;
    exports.StopAIRecommendationJob$ = StopAIRecommendationJob$;
    exports.StopAIRecommendationJobCommand = StopAIRecommendationJobCommand;
    exports.StopAIRecommendationJobRequest$ = StopAIRecommendationJobRequest$;
    exports.StopAIRecommendationJobResponse$ = StopAIRecommendationJobResponse$;
    exports.StopAutoMLJob$ = StopAutoMLJob$;
    exports.StopAutoMLJobCommand = StopAutoMLJobCommand;
    exports.StopAutoMLJobRequest$ = StopAutoMLJobRequest$;
    exports.StopCompilationJob$ = StopCompilationJob$;
    exports.StopCompilationJobCommand = StopCompilationJobCommand;
    exports.StopCompilationJobRequest$ = StopCompilationJobRequest$;
    exports.StopEdgeDeploymentStage$ = StopEdgeDeploymentStage$;
    exports.StopEdgeDeploymentStageCommand = StopEdgeDeploymentStageCommand;
    exports.StopEdgeDeploymentStageRequest$ = StopEdgeDeploymentStageRequest$;
    exports.StopEdgePackagingJob$ = StopEdgePackagingJob$;
    exports.StopEdgePackagingJobCommand = StopEdgePackagingJobCommand;
    exports.StopEdgePackagingJobRequest$ = StopEdgePackagingJobRequest$;
    exports.StopHyperParameterTuningJob$ = StopHyperParameterTuningJob$;
    exports.StopHyperParameterTuningJobCommand = StopHyperParameterTuningJobCommand;
    exports.StopHyperParameterTuningJobRequest$ = StopHyperParameterTuningJobRequest$;
    exports.StopInferenceExperiment$ = StopInferenceExperiment$;
    exports.StopInferenceExperimentCommand = StopInferenceExperimentCommand;
    exports.StopInferenceExperimentRequest$ = StopInferenceExperimentRequest$;
    exports.StopInferenceExperimentResponse$ = StopInferenceExperimentResponse$;
    exports.StopInferenceRecommendationsJob$ = StopInferenceRecommendationsJob$;
    exports.StopInferenceRecommendationsJobCommand = StopInferenceRecommendationsJobCommand;
    exports.StopInferenceRecommendationsJobRequest$ = StopInferenceRecommendationsJobRequest$;
    exports.StopJob$ = StopJob$;
    exports.StopJobCommand = StopJobCommand;
    exports.StopJobRequest$ = StopJobRequest$;
    exports.StopJobResponse$ = StopJobResponse$;
    exports.StopLabelingJob$ = StopLabelingJob$;
    exports.StopLabelingJobCommand = StopLabelingJobCommand;
    exports.StopLabelingJobRequest$ = StopLabelingJobRequest$;
    exports.StopMlflowTrackingServer$ = StopMlflowTrackingServer$;
    exports.StopMlflowTrackingServerCommand = StopMlflowTrackingServerCommand;
    exports.StopMlflowTrackingServerRequest$ = StopMlflowTrackingServerRequest$;
    exports.StopMlflowTrackingServerResponse$ = StopMlflowTrackingServerResponse$;
    exports.StopMonitoringSchedule$ = StopMonitoringSchedule$;
    exports.StopMonitoringScheduleCommand = StopMonitoringScheduleCommand;
    exports.StopMonitoringScheduleRequest$ = StopMonitoringScheduleRequest$;
    exports.StopNotebookInstance$ = StopNotebookInstance$;
    exports.StopNotebookInstanceCommand = StopNotebookInstanceCommand;
    exports.StopNotebookInstanceInput$ = StopNotebookInstanceInput$;
    exports.StopOptimizationJob$ = StopOptimizationJob$;
    exports.StopOptimizationJobCommand = StopOptimizationJobCommand;
    exports.StopOptimizationJobRequest$ = StopOptimizationJobRequest$;
    exports.StopPipelineExecution$ = StopPipelineExecution$;
    exports.StopPipelineExecutionCommand = StopPipelineExecutionCommand;
    exports.StopPipelineExecutionRequest$ = StopPipelineExecutionRequest$;
    exports.StopPipelineExecutionResponse$ = StopPipelineExecutionResponse$;
    exports.StopProcessingJob$ = StopProcessingJob$;
    exports.StopProcessingJobCommand = StopProcessingJobCommand;
    exports.StopProcessingJobRequest$ = StopProcessingJobRequest$;
    exports.StopTrainingJob$ = StopTrainingJob$;
    exports.StopTrainingJobCommand = StopTrainingJobCommand;
    exports.StopTrainingJobRequest$ = StopTrainingJobRequest$;
    exports.StopTransformJob$ = StopTransformJob$;
    exports.StopTransformJobCommand = StopTransformJobCommand;
    exports.StopTransformJobRequest$ = StopTransformJobRequest$;
    exports.StoppingCondition$ = StoppingCondition$;
    exports.StorageType = StorageType;
    exports.StudioLifecycleConfigAppType = StudioLifecycleConfigAppType;
    exports.StudioLifecycleConfigDetails$ = StudioLifecycleConfigDetails$;
    exports.StudioLifecycleConfigSortKey = StudioLifecycleConfigSortKey;
    exports.StudioWebPortal = StudioWebPortal;
    exports.StudioWebPortalSettings$ = StudioWebPortalSettings$;
    exports.SubscribedWorkteam$ = SubscribedWorkteam$;
    exports.SuggestionQuery$ = SuggestionQuery$;
    exports.TableFormat = TableFormat;
    exports.TabularJobConfig$ = TabularJobConfig$;
    exports.TabularResolvedAttributes$ = TabularResolvedAttributes$;
    exports.Tag$ = Tag$;
    exports.TagPropagation = TagPropagation;
    exports.TargetDevice = TargetDevice;
    exports.TargetPlatform$ = TargetPlatform$;
    exports.TargetPlatformAccelerator = TargetPlatformAccelerator;
    exports.TargetPlatformArch = TargetPlatformArch;
    exports.TargetPlatformOs = TargetPlatformOs;
    exports.TargetTrackingScalingPolicyConfiguration$ = TargetTrackingScalingPolicyConfiguration$;
    exports.TemplateProviderDetail$ = TemplateProviderDetail$;
    exports.TensorBoardAppSettings$ = TensorBoardAppSettings$;
    exports.TensorBoardOutputConfig$ = TensorBoardOutputConfig$;
    exports.TextClassificationJobConfig$ = TextClassificationJobConfig$;
    exports.TextGenerationJobConfig$ = TextGenerationJobConfig$;
    exports.TextGenerationResolvedAttributes$ = TextGenerationResolvedAttributes$;
    exports.ThroughputConfig$ = ThroughputConfig$;
    exports.ThroughputConfigDescription$ = ThroughputConfigDescription$;
    exports.ThroughputConfigUpdate$ = ThroughputConfigUpdate$;
    exports.ThroughputMode = ThroughputMode;
    exports.TimeSeriesConfig$ = TimeSeriesConfig$;
    exports.TimeSeriesForecastingJobConfig$ = TimeSeriesForecastingJobConfig$;
    exports.TimeSeriesForecastingSettings$ = TimeSeriesForecastingSettings$;
    exports.TimeSeriesTransformations$ = TimeSeriesTransformations$;
    exports.TotalHits$ = TotalHits$;
    exports.TrackingServerMaintenanceStatus = TrackingServerMaintenanceStatus;
    exports.TrackingServerSize = TrackingServerSize;
    exports.TrackingServerStatus = TrackingServerStatus;
    exports.TrackingServerSummary$ = TrackingServerSummary$;
    exports.TrafficPattern$ = TrafficPattern$;
    exports.TrafficRoutingConfig$ = TrafficRoutingConfig$;
    exports.TrafficRoutingConfigType = TrafficRoutingConfigType;
    exports.TrafficType = TrafficType;
    exports.TrainingImageConfig$ = TrainingImageConfig$;
    exports.TrainingInputMode = TrainingInputMode;
    exports.TrainingInstanceType = TrainingInstanceType;
    exports.TrainingJob$ = TrainingJob$;
    exports.TrainingJobDefinition$ = TrainingJobDefinition$;
    exports.TrainingJobEarlyStoppingType = TrainingJobEarlyStoppingType;
    exports.TrainingJobSortByOptions = TrainingJobSortByOptions;
    exports.TrainingJobStatus = TrainingJobStatus;
    exports.TrainingJobStatusCounters$ = TrainingJobStatusCounters$;
    exports.TrainingJobStepMetadata$ = TrainingJobStepMetadata$;
    exports.TrainingJobSummary$ = TrainingJobSummary$;
    exports.TrainingPlanExtension$ = TrainingPlanExtension$;
    exports.TrainingPlanExtensionOffering$ = TrainingPlanExtensionOffering$;
    exports.TrainingPlanFilter$ = TrainingPlanFilter$;
    exports.TrainingPlanFilterName = TrainingPlanFilterName;
    exports.TrainingPlanOffering$ = TrainingPlanOffering$;
    exports.TrainingPlanSortBy = TrainingPlanSortBy;
    exports.TrainingPlanSortOrder = TrainingPlanSortOrder;
    exports.TrainingPlanStatus = TrainingPlanStatus;
    exports.TrainingPlanSummary$ = TrainingPlanSummary$;
    exports.TrainingProgressInfo$ = TrainingProgressInfo$;
    exports.TrainingRepositoryAccessMode = TrainingRepositoryAccessMode;
    exports.TrainingRepositoryAuthConfig$ = TrainingRepositoryAuthConfig$;
    exports.TrainingSpecification$ = TrainingSpecification$;
    exports.TransformDataSource$ = TransformDataSource$;
    exports.TransformInput$ = TransformInput$;
    exports.TransformInstanceType = TransformInstanceType;
    exports.TransformJob$ = TransformJob$;
    exports.TransformJobDefinition$ = TransformJobDefinition$;
    exports.TransformJobStatus = TransformJobStatus;
    exports.TransformJobStepMetadata$ = TransformJobStepMetadata$;
    exports.TransformJobSummary$ = TransformJobSummary$;
    exports.TransformOutput$ = TransformOutput$;
    exports.TransformResources$ = TransformResources$;
    exports.TransformS3DataSource$ = TransformS3DataSource$;
    exports.Trial$ = Trial$;
    exports.TrialComponent$ = TrialComponent$;
    exports.TrialComponentArtifact$ = TrialComponentArtifact$;
    exports.TrialComponentMetricSummary$ = TrialComponentMetricSummary$;
    exports.TrialComponentParameterValue$ = TrialComponentParameterValue$;
    exports.TrialComponentPrimaryStatus = TrialComponentPrimaryStatus;
    exports.TrialComponentSimpleSummary$ = TrialComponentSimpleSummary$;
    exports.TrialComponentSource$ = TrialComponentSource$;
    exports.TrialComponentSourceDetail$ = TrialComponentSourceDetail$;
    exports.TrialComponentStatus$ = TrialComponentStatus$;
    exports.TrialComponentSummary$ = TrialComponentSummary$;
    exports.TrialSource$ = TrialSource$;
    exports.TrialSummary$ = TrialSummary$;
    exports.TrustedIdentityPropagationSettings$ = TrustedIdentityPropagationSettings$;
    exports.TtlDuration$ = TtlDuration$;
    exports.TtlDurationUnit = TtlDurationUnit;
    exports.TuningJobCompletionCriteria$ = TuningJobCompletionCriteria$;
    exports.TuningJobStepMetaData$ = TuningJobStepMetaData$;
    exports.USD$ = USD$;
    exports.UiConfig$ = UiConfig$;
    exports.UiTemplate$ = UiTemplate$;
    exports.UiTemplateInfo$ = UiTemplateInfo$;
    exports.UltraServer$ = UltraServer$;
    exports.UltraServerHealthStatus = UltraServerHealthStatus;
    exports.UltraServerInfo$ = UltraServerInfo$;
    exports.UltraServerSummary$ = UltraServerSummary$;
    exports.UnifiedStudioSettings$ = UnifiedStudioSettings$;
    exports.UpdateAction$ = UpdateAction$;
    exports.UpdateActionCommand = UpdateActionCommand;
    exports.UpdateActionRequest$ = UpdateActionRequest$;
    exports.UpdateActionResponse$ = UpdateActionResponse$;
    exports.UpdateAppImageConfig$ = UpdateAppImageConfig$;
    exports.UpdateAppImageConfigCommand = UpdateAppImageConfigCommand;
    exports.UpdateAppImageConfigRequest$ = UpdateAppImageConfigRequest$;
    exports.UpdateAppImageConfigResponse$ = UpdateAppImageConfigResponse$;
    exports.UpdateArtifact$ = UpdateArtifact$;
    exports.UpdateArtifactCommand = UpdateArtifactCommand;
    exports.UpdateArtifactRequest$ = UpdateArtifactRequest$;
    exports.UpdateArtifactResponse$ = UpdateArtifactResponse$;
    exports.UpdateCluster$ = UpdateCluster$;
    exports.UpdateClusterCommand = UpdateClusterCommand;
    exports.UpdateClusterRequest$ = UpdateClusterRequest$;
    exports.UpdateClusterResponse$ = UpdateClusterResponse$;
    exports.UpdateClusterSchedulerConfig$ = UpdateClusterSchedulerConfig$;
    exports.UpdateClusterSchedulerConfigCommand = UpdateClusterSchedulerConfigCommand;
    exports.UpdateClusterSchedulerConfigRequest$ = UpdateClusterSchedulerConfigRequest$;
    exports.UpdateClusterSchedulerConfigResponse$ = UpdateClusterSchedulerConfigResponse$;
    exports.UpdateClusterSoftware$ = UpdateClusterSoftware$;
    exports.UpdateClusterSoftwareCommand = UpdateClusterSoftwareCommand;
    exports.UpdateClusterSoftwareInstanceGroupSpecification$ = UpdateClusterSoftwareInstanceGroupSpecification$;
    exports.UpdateClusterSoftwareRequest$ = UpdateClusterSoftwareRequest$;
    exports.UpdateClusterSoftwareResponse$ = UpdateClusterSoftwareResponse$;
    exports.UpdateCodeRepository$ = UpdateCodeRepository$;
    exports.UpdateCodeRepositoryCommand = UpdateCodeRepositoryCommand;
    exports.UpdateCodeRepositoryInput$ = UpdateCodeRepositoryInput$;
    exports.UpdateCodeRepositoryOutput$ = UpdateCodeRepositoryOutput$;
    exports.UpdateComputeQuota$ = UpdateComputeQuota$;
    exports.UpdateComputeQuotaCommand = UpdateComputeQuotaCommand;
    exports.UpdateComputeQuotaRequest$ = UpdateComputeQuotaRequest$;
    exports.UpdateComputeQuotaResponse$ = UpdateComputeQuotaResponse$;
    exports.UpdateContext$ = UpdateContext$;
    exports.UpdateContextCommand = UpdateContextCommand;
    exports.UpdateContextRequest$ = UpdateContextRequest$;
    exports.UpdateContextResponse$ = UpdateContextResponse$;
    exports.UpdateDeviceFleet$ = UpdateDeviceFleet$;
    exports.UpdateDeviceFleetCommand = UpdateDeviceFleetCommand;
    exports.UpdateDeviceFleetRequest$ = UpdateDeviceFleetRequest$;
    exports.UpdateDevices$ = UpdateDevices$;
    exports.UpdateDevicesCommand = UpdateDevicesCommand;
    exports.UpdateDevicesRequest$ = UpdateDevicesRequest$;
    exports.UpdateDomain$ = UpdateDomain$;
    exports.UpdateDomainCommand = UpdateDomainCommand;
    exports.UpdateDomainRequest$ = UpdateDomainRequest$;
    exports.UpdateDomainResponse$ = UpdateDomainResponse$;
    exports.UpdateEndpoint$ = UpdateEndpoint$;
    exports.UpdateEndpointCommand = UpdateEndpointCommand;
    exports.UpdateEndpointInput$ = UpdateEndpointInput$;
    exports.UpdateEndpointOutput$ = UpdateEndpointOutput$;
    exports.UpdateEndpointWeightsAndCapacities$ = UpdateEndpointWeightsAndCapacities$;
    exports.UpdateEndpointWeightsAndCapacitiesCommand = UpdateEndpointWeightsAndCapacitiesCommand2;
    exports.UpdateEndpointWeightsAndCapacitiesInput$ = UpdateEndpointWeightsAndCapacitiesInput$;
    exports.UpdateEndpointWeightsAndCapacitiesOutput$ = UpdateEndpointWeightsAndCapacitiesOutput$;
    exports.UpdateExperiment$ = UpdateExperiment$;
    exports.UpdateExperimentCommand = UpdateExperimentCommand;
    exports.UpdateExperimentRequest$ = UpdateExperimentRequest$;
    exports.UpdateExperimentResponse$ = UpdateExperimentResponse$;
    exports.UpdateFeatureGroup$ = UpdateFeatureGroup$;
    exports.UpdateFeatureGroupCommand = UpdateFeatureGroupCommand;
    exports.UpdateFeatureGroupRequest$ = UpdateFeatureGroupRequest$;
    exports.UpdateFeatureGroupResponse$ = UpdateFeatureGroupResponse$;
    exports.UpdateFeatureMetadata$ = UpdateFeatureMetadata$;
    exports.UpdateFeatureMetadataCommand = UpdateFeatureMetadataCommand;
    exports.UpdateFeatureMetadataRequest$ = UpdateFeatureMetadataRequest$;
    exports.UpdateHub$ = UpdateHub$;
    exports.UpdateHubCommand = UpdateHubCommand;
    exports.UpdateHubContent$ = UpdateHubContent$;
    exports.UpdateHubContentCommand = UpdateHubContentCommand;
    exports.UpdateHubContentReference$ = UpdateHubContentReference$;
    exports.UpdateHubContentReferenceCommand = UpdateHubContentReferenceCommand;
    exports.UpdateHubContentReferenceRequest$ = UpdateHubContentReferenceRequest$;
    exports.UpdateHubContentReferenceResponse$ = UpdateHubContentReferenceResponse$;
    exports.UpdateHubContentRequest$ = UpdateHubContentRequest$;
    exports.UpdateHubContentResponse$ = UpdateHubContentResponse$;
    exports.UpdateHubRequest$ = UpdateHubRequest$;
    exports.UpdateHubResponse$ = UpdateHubResponse$;
    exports.UpdateImage$ = UpdateImage$;
    exports.UpdateImageCommand = UpdateImageCommand;
    exports.UpdateImageRequest$ = UpdateImageRequest$;
    exports.UpdateImageResponse$ = UpdateImageResponse$;
    exports.UpdateImageVersion$ = UpdateImageVersion$;
    exports.UpdateImageVersionCommand = UpdateImageVersionCommand;
    exports.UpdateImageVersionRequest$ = UpdateImageVersionRequest$;
    exports.UpdateImageVersionResponse$ = UpdateImageVersionResponse$;
    exports.UpdateInferenceComponent$ = UpdateInferenceComponent$;
    exports.UpdateInferenceComponentCommand = UpdateInferenceComponentCommand;
    exports.UpdateInferenceComponentInput$ = UpdateInferenceComponentInput$;
    exports.UpdateInferenceComponentOutput$ = UpdateInferenceComponentOutput$;
    exports.UpdateInferenceComponentRuntimeConfig$ = UpdateInferenceComponentRuntimeConfig$;
    exports.UpdateInferenceComponentRuntimeConfigCommand = UpdateInferenceComponentRuntimeConfigCommand;
    exports.UpdateInferenceComponentRuntimeConfigInput$ = UpdateInferenceComponentRuntimeConfigInput$;
    exports.UpdateInferenceComponentRuntimeConfigOutput$ = UpdateInferenceComponentRuntimeConfigOutput$;
    exports.UpdateInferenceExperiment$ = UpdateInferenceExperiment$;
    exports.UpdateInferenceExperimentCommand = UpdateInferenceExperimentCommand;
    exports.UpdateInferenceExperimentRequest$ = UpdateInferenceExperimentRequest$;
    exports.UpdateInferenceExperimentResponse$ = UpdateInferenceExperimentResponse$;
    exports.UpdateMlflowApp$ = UpdateMlflowApp$;
    exports.UpdateMlflowAppCommand = UpdateMlflowAppCommand;
    exports.UpdateMlflowAppRequest$ = UpdateMlflowAppRequest$;
    exports.UpdateMlflowAppResponse$ = UpdateMlflowAppResponse$;
    exports.UpdateMlflowTrackingServer$ = UpdateMlflowTrackingServer$;
    exports.UpdateMlflowTrackingServerCommand = UpdateMlflowTrackingServerCommand;
    exports.UpdateMlflowTrackingServerRequest$ = UpdateMlflowTrackingServerRequest$;
    exports.UpdateMlflowTrackingServerResponse$ = UpdateMlflowTrackingServerResponse$;
    exports.UpdateModelCard$ = UpdateModelCard$;
    exports.UpdateModelCardCommand = UpdateModelCardCommand;
    exports.UpdateModelCardRequest$ = UpdateModelCardRequest$;
    exports.UpdateModelCardResponse$ = UpdateModelCardResponse$;
    exports.UpdateModelPackage$ = UpdateModelPackage$;
    exports.UpdateModelPackageCommand = UpdateModelPackageCommand;
    exports.UpdateModelPackageInput$ = UpdateModelPackageInput$;
    exports.UpdateModelPackageOutput$ = UpdateModelPackageOutput$;
    exports.UpdateMonitoringAlert$ = UpdateMonitoringAlert$;
    exports.UpdateMonitoringAlertCommand = UpdateMonitoringAlertCommand;
    exports.UpdateMonitoringAlertRequest$ = UpdateMonitoringAlertRequest$;
    exports.UpdateMonitoringAlertResponse$ = UpdateMonitoringAlertResponse$;
    exports.UpdateMonitoringSchedule$ = UpdateMonitoringSchedule$;
    exports.UpdateMonitoringScheduleCommand = UpdateMonitoringScheduleCommand;
    exports.UpdateMonitoringScheduleRequest$ = UpdateMonitoringScheduleRequest$;
    exports.UpdateMonitoringScheduleResponse$ = UpdateMonitoringScheduleResponse$;
    exports.UpdateNotebookInstance$ = UpdateNotebookInstance$;
    exports.UpdateNotebookInstanceCommand = UpdateNotebookInstanceCommand;
    exports.UpdateNotebookInstanceInput$ = UpdateNotebookInstanceInput$;
    exports.UpdateNotebookInstanceLifecycleConfig$ = UpdateNotebookInstanceLifecycleConfig$;
    exports.UpdateNotebookInstanceLifecycleConfigCommand = UpdateNotebookInstanceLifecycleConfigCommand;
    exports.UpdateNotebookInstanceLifecycleConfigInput$ = UpdateNotebookInstanceLifecycleConfigInput$;
    exports.UpdateNotebookInstanceLifecycleConfigOutput$ = UpdateNotebookInstanceLifecycleConfigOutput$;
    exports.UpdateNotebookInstanceOutput$ = UpdateNotebookInstanceOutput$;
    exports.UpdatePartnerApp$ = UpdatePartnerApp$;
    exports.UpdatePartnerAppCommand = UpdatePartnerAppCommand;
    exports.UpdatePartnerAppRequest$ = UpdatePartnerAppRequest$;
    exports.UpdatePartnerAppResponse$ = UpdatePartnerAppResponse$;
    exports.UpdatePipeline$ = UpdatePipeline$;
    exports.UpdatePipelineCommand = UpdatePipelineCommand;
    exports.UpdatePipelineExecution$ = UpdatePipelineExecution$;
    exports.UpdatePipelineExecutionCommand = UpdatePipelineExecutionCommand;
    exports.UpdatePipelineExecutionRequest$ = UpdatePipelineExecutionRequest$;
    exports.UpdatePipelineExecutionResponse$ = UpdatePipelineExecutionResponse$;
    exports.UpdatePipelineRequest$ = UpdatePipelineRequest$;
    exports.UpdatePipelineResponse$ = UpdatePipelineResponse$;
    exports.UpdatePipelineVersion$ = UpdatePipelineVersion$;
    exports.UpdatePipelineVersionCommand = UpdatePipelineVersionCommand;
    exports.UpdatePipelineVersionRequest$ = UpdatePipelineVersionRequest$;
    exports.UpdatePipelineVersionResponse$ = UpdatePipelineVersionResponse$;
    exports.UpdateProject$ = UpdateProject$;
    exports.UpdateProjectCommand = UpdateProjectCommand;
    exports.UpdateProjectInput$ = UpdateProjectInput$;
    exports.UpdateProjectOutput$ = UpdateProjectOutput$;
    exports.UpdateSpace$ = UpdateSpace$;
    exports.UpdateSpaceCommand = UpdateSpaceCommand;
    exports.UpdateSpaceRequest$ = UpdateSpaceRequest$;
    exports.UpdateSpaceResponse$ = UpdateSpaceResponse$;
    exports.UpdateTemplateProvider$ = UpdateTemplateProvider$;
    exports.UpdateTrainingJob$ = UpdateTrainingJob$;
    exports.UpdateTrainingJobCommand = UpdateTrainingJobCommand;
    exports.UpdateTrainingJobRequest$ = UpdateTrainingJobRequest$;
    exports.UpdateTrainingJobResponse$ = UpdateTrainingJobResponse$;
    exports.UpdateTrial$ = UpdateTrial$;
    exports.UpdateTrialCommand = UpdateTrialCommand;
    exports.UpdateTrialComponent$ = UpdateTrialComponent$;
    exports.UpdateTrialComponentCommand = UpdateTrialComponentCommand;
    exports.UpdateTrialComponentRequest$ = UpdateTrialComponentRequest$;
    exports.UpdateTrialComponentResponse$ = UpdateTrialComponentResponse$;
    exports.UpdateTrialRequest$ = UpdateTrialRequest$;
    exports.UpdateTrialResponse$ = UpdateTrialResponse$;
    exports.UpdateUserProfile$ = UpdateUserProfile$;
    exports.UpdateUserProfileCommand = UpdateUserProfileCommand;
    exports.UpdateUserProfileRequest$ = UpdateUserProfileRequest$;
    exports.UpdateUserProfileResponse$ = UpdateUserProfileResponse$;
    exports.UpdateWorkforce$ = UpdateWorkforce$;
    exports.UpdateWorkforceCommand = UpdateWorkforceCommand;
    exports.UpdateWorkforceRequest$ = UpdateWorkforceRequest$;
    exports.UpdateWorkforceResponse$ = UpdateWorkforceResponse$;
    exports.UpdateWorkteam$ = UpdateWorkteam$;
    exports.UpdateWorkteamCommand = UpdateWorkteamCommand;
    exports.UpdateWorkteamRequest$ = UpdateWorkteamRequest$;
    exports.UpdateWorkteamResponse$ = UpdateWorkteamResponse$;
    exports.UserContext$ = UserContext$;
    exports.UserProfileDetails$ = UserProfileDetails$;
    exports.UserProfileSortKey = UserProfileSortKey;
    exports.UserProfileStatus = UserProfileStatus;
    exports.UserSettings$ = UserSettings$;
    exports.VariantProperty$ = VariantProperty$;
    exports.VariantPropertyType = VariantPropertyType;
    exports.VariantStatus = VariantStatus;
    exports.VectorConfig$ = VectorConfig$;
    exports.VendorGuidance = VendorGuidance;
    exports.Vertex$ = Vertex$;
    exports.VisibilityConditions$ = VisibilityConditions$;
    exports.VolumeAttachmentStatus = VolumeAttachmentStatus;
    exports.VpcConfig$ = VpcConfig$;
    exports.WarmPoolResourceStatus = WarmPoolResourceStatus;
    exports.WarmPoolStatus$ = WarmPoolStatus$;
    exports.WorkerAccessConfiguration$ = WorkerAccessConfiguration$;
    exports.Workforce$ = Workforce$;
    exports.WorkforceIpAddressType = WorkforceIpAddressType;
    exports.WorkforceStatus = WorkforceStatus;
    exports.WorkforceVpcConfigRequest$ = WorkforceVpcConfigRequest$;
    exports.WorkforceVpcConfigResponse$ = WorkforceVpcConfigResponse$;
    exports.WorkloadSpec$ = WorkloadSpec$;
    exports.WorkspaceSettings$ = WorkspaceSettings$;
    exports.Workteam$ = Workteam$;
    exports._InstanceType = _InstanceType;
    exports.errorTypeRegistries = errorTypeRegistries;
    exports.paginateCreateHubContentPresignedUrls = paginateCreateHubContentPresignedUrls;
    exports.paginateDescribeTrainingPlanExtensionHistory = paginateDescribeTrainingPlanExtensionHistory;
    exports.paginateListAIBenchmarkJobs = paginateListAIBenchmarkJobs;
    exports.paginateListAIRecommendationJobs = paginateListAIRecommendationJobs;
    exports.paginateListAIWorkloadConfigs = paginateListAIWorkloadConfigs;
    exports.paginateListActions = paginateListActions;
    exports.paginateListAlgorithms = paginateListAlgorithms;
    exports.paginateListAliases = paginateListAliases;
    exports.paginateListAppImageConfigs = paginateListAppImageConfigs;
    exports.paginateListApps = paginateListApps;
    exports.paginateListArtifacts = paginateListArtifacts;
    exports.paginateListAssociations = paginateListAssociations;
    exports.paginateListAutoMLJobs = paginateListAutoMLJobs;
    exports.paginateListCandidatesForAutoMLJob = paginateListCandidatesForAutoMLJob;
    exports.paginateListClusterEvents = paginateListClusterEvents;
    exports.paginateListClusterNodes = paginateListClusterNodes;
    exports.paginateListClusterSchedulerConfigs = paginateListClusterSchedulerConfigs;
    exports.paginateListClusters = paginateListClusters;
    exports.paginateListCodeRepositories = paginateListCodeRepositories;
    exports.paginateListCompilationJobs = paginateListCompilationJobs;
    exports.paginateListComputeQuotas = paginateListComputeQuotas;
    exports.paginateListContexts = paginateListContexts;
    exports.paginateListDataQualityJobDefinitions = paginateListDataQualityJobDefinitions;
    exports.paginateListDeviceFleets = paginateListDeviceFleets;
    exports.paginateListDevices = paginateListDevices;
    exports.paginateListDomains = paginateListDomains;
    exports.paginateListEdgeDeploymentPlans = paginateListEdgeDeploymentPlans;
    exports.paginateListEdgePackagingJobs = paginateListEdgePackagingJobs;
    exports.paginateListEndpointConfigs = paginateListEndpointConfigs;
    exports.paginateListEndpoints = paginateListEndpoints;
    exports.paginateListExperiments = paginateListExperiments;
    exports.paginateListFeatureGroups = paginateListFeatureGroups;
    exports.paginateListFlowDefinitions = paginateListFlowDefinitions;
    exports.paginateListHumanTaskUis = paginateListHumanTaskUis;
    exports.paginateListHyperParameterTuningJobs = paginateListHyperParameterTuningJobs;
    exports.paginateListImageVersions = paginateListImageVersions;
    exports.paginateListImages = paginateListImages;
    exports.paginateListInferenceComponents = paginateListInferenceComponents;
    exports.paginateListInferenceExperiments = paginateListInferenceExperiments;
    exports.paginateListInferenceRecommendationsJobSteps = paginateListInferenceRecommendationsJobSteps;
    exports.paginateListInferenceRecommendationsJobs = paginateListInferenceRecommendationsJobs;
    exports.paginateListJobSchemaVersions = paginateListJobSchemaVersions;
    exports.paginateListJobs = paginateListJobs;
    exports.paginateListLabelingJobs = paginateListLabelingJobs;
    exports.paginateListLabelingJobsForWorkteam = paginateListLabelingJobsForWorkteam;
    exports.paginateListLineageGroups = paginateListLineageGroups;
    exports.paginateListMlflowApps = paginateListMlflowApps;
    exports.paginateListMlflowTrackingServers = paginateListMlflowTrackingServers;
    exports.paginateListModelBiasJobDefinitions = paginateListModelBiasJobDefinitions;
    exports.paginateListModelCardExportJobs = paginateListModelCardExportJobs;
    exports.paginateListModelCardVersions = paginateListModelCardVersions;
    exports.paginateListModelCards = paginateListModelCards;
    exports.paginateListModelExplainabilityJobDefinitions = paginateListModelExplainabilityJobDefinitions;
    exports.paginateListModelMetadata = paginateListModelMetadata;
    exports.paginateListModelPackageGroups = paginateListModelPackageGroups;
    exports.paginateListModelPackages = paginateListModelPackages;
    exports.paginateListModelQualityJobDefinitions = paginateListModelQualityJobDefinitions;
    exports.paginateListModels = paginateListModels;
    exports.paginateListMonitoringAlertHistory = paginateListMonitoringAlertHistory;
    exports.paginateListMonitoringAlerts = paginateListMonitoringAlerts;
    exports.paginateListMonitoringExecutions = paginateListMonitoringExecutions;
    exports.paginateListMonitoringSchedules = paginateListMonitoringSchedules;
    exports.paginateListNotebookInstanceLifecycleConfigs = paginateListNotebookInstanceLifecycleConfigs;
    exports.paginateListNotebookInstances = paginateListNotebookInstances;
    exports.paginateListOptimizationJobs = paginateListOptimizationJobs;
    exports.paginateListPartnerApps = paginateListPartnerApps;
    exports.paginateListPipelineExecutionSteps = paginateListPipelineExecutionSteps;
    exports.paginateListPipelineExecutions = paginateListPipelineExecutions;
    exports.paginateListPipelineParametersForExecution = paginateListPipelineParametersForExecution;
    exports.paginateListPipelineVersions = paginateListPipelineVersions;
    exports.paginateListPipelines = paginateListPipelines;
    exports.paginateListProcessingJobs = paginateListProcessingJobs;
    exports.paginateListProjects = paginateListProjects;
    exports.paginateListResourceCatalogs = paginateListResourceCatalogs;
    exports.paginateListSpaces = paginateListSpaces;
    exports.paginateListStageDevices = paginateListStageDevices;
    exports.paginateListStudioLifecycleConfigs = paginateListStudioLifecycleConfigs;
    exports.paginateListSubscribedWorkteams = paginateListSubscribedWorkteams;
    exports.paginateListTags = paginateListTags;
    exports.paginateListTrainingJobs = paginateListTrainingJobs;
    exports.paginateListTrainingJobsForHyperParameterTuningJob = paginateListTrainingJobsForHyperParameterTuningJob;
    exports.paginateListTrainingPlans = paginateListTrainingPlans;
    exports.paginateListTransformJobs = paginateListTransformJobs;
    exports.paginateListTrialComponents = paginateListTrialComponents;
    exports.paginateListTrials = paginateListTrials;
    exports.paginateListUltraServersByReservedCapacity = paginateListUltraServersByReservedCapacity;
    exports.paginateListUserProfiles = paginateListUserProfiles;
    exports.paginateListWorkforces = paginateListWorkforces;
    exports.paginateListWorkteams = paginateListWorkteams;
    exports.paginateQueryLineage = paginateQueryLineage;
    exports.paginateSearch = paginateSearch;
    exports.waitForEndpointDeleted = waitForEndpointDeleted;
    exports.waitForEndpointInService = waitForEndpointInService;
    exports.waitForImageCreated = waitForImageCreated;
    exports.waitForImageDeleted = waitForImageDeleted;
    exports.waitForImageUpdated = waitForImageUpdated;
    exports.waitForImageVersionCreated = waitForImageVersionCreated;
    exports.waitForImageVersionDeleted = waitForImageVersionDeleted;
    exports.waitForNotebookInstanceDeleted = waitForNotebookInstanceDeleted;
    exports.waitForNotebookInstanceInService = waitForNotebookInstanceInService;
    exports.waitForNotebookInstanceStopped = waitForNotebookInstanceStopped;
    exports.waitForProcessingJobCompletedOrStopped = waitForProcessingJobCompletedOrStopped;
    exports.waitForTrainingJobCompletedOrStopped = waitForTrainingJobCompletedOrStopped;
    exports.waitForTransformJobCompletedOrStopped = waitForTransformJobCompletedOrStopped;
    exports.waitUntilEndpointDeleted = waitUntilEndpointDeleted;
    exports.waitUntilEndpointInService = waitUntilEndpointInService;
    exports.waitUntilImageCreated = waitUntilImageCreated;
    exports.waitUntilImageDeleted = waitUntilImageDeleted;
    exports.waitUntilImageUpdated = waitUntilImageUpdated;
    exports.waitUntilImageVersionCreated = waitUntilImageVersionCreated;
    exports.waitUntilImageVersionDeleted = waitUntilImageVersionDeleted;
    exports.waitUntilNotebookInstanceDeleted = waitUntilNotebookInstanceDeleted;
    exports.waitUntilNotebookInstanceInService = waitUntilNotebookInstanceInService;
    exports.waitUntilNotebookInstanceStopped = waitUntilNotebookInstanceStopped;
    exports.waitUntilProcessingJobCompletedOrStopped = waitUntilProcessingJobCompletedOrStopped;
    exports.waitUntilTrainingJobCompletedOrStopped = waitUntilTrainingJobCompletedOrStopped;
    exports.waitUntilTransformJobCompletedOrStopped = waitUntilTransformJobCompletedOrStopped;
  }
});

// packages/delivery/lib/sagemaker/router.js
var import_client_sagemaker = __toESM(require_dist_cjs3(), 1);
var FAILED = /* @__PURE__ */ new Set(["Failed", "RollingBack", "UpdateRollbackFailed", "OutOfService", "Deleting"]);
var SageMakerRouter = class _SageMakerRouter {
  client;
  o;
  name = "sagemaker";
  clock;
  constructor(client, o) {
    this.client = client;
    this.o = o;
    this.clock = o.clock ?? systemClock;
  }
  /** A router with a client on the default credential chain (environment, profile, web identity, instance role). */
  static async create(settings, log, extra = {}) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const client = new import_client_sagemaker.SageMakerClient({
      ...region ? { region } : {},
      ...settings.endpointUrl ? { endpoint: settings.endpointUrl } : {},
      ...extra
    });
    return new _SageMakerRouter(client, {
      endpoint: settings.endpoint,
      stable: settings.stable,
      canary: settings.canary,
      timeoutMs: durationToMs(settings.timeout),
      ...log ? { log } : {}
    });
  }
  async canaryWeight() {
    const d = await this.describe();
    const { stable, canary } = this.weights(d);
    return stable + canary === 0 ? 0 : Math.round(canary / (stable + canary) * 1e4) / 100;
  }
  async setCanaryWeight(percent) {
    const d = await this.describe();
    const now = this.weights(d);
    const total = now.stable + now.canary;
    if (d.EndpointStatus === "InService" && total > 0 && Math.abs(now.canary / total * 100 - percent) < 5e-3)
      return;
    if (d.EndpointStatus !== "InService")
      await this.waitInService(`before setting the canary to ${percent}%`);
    try {
      await this.client.send(new import_client_sagemaker.UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: this.o.endpoint,
        DesiredWeightsAndCapacities: [
          { VariantName: this.o.stable, DesiredWeight: 100 - percent },
          { VariantName: this.o.canary, DesiredWeight: percent }
        ]
      }));
    } catch (error) {
      throw this.explain(error, `UpdateEndpointWeightsAndCapacities (canary ${percent}%)`);
    }
    this.o.log?.info(`sagemaker: ${this.o.endpoint}: canary ${percent}%, waiting for InService`);
    await this.waitInService(`after setting the canary to ${percent}%`);
  }
  promote() {
    return this.setCanaryWeight(100);
  }
  rollback() {
    return this.setCanaryWeight(0);
  }
  /** The old variant keeps weight 0 (SageMaker stops routing to it once InService); its instances stay until the endpoint is updated without it. */
  async retire() {
    await this.setCanaryWeight(100);
    return {
      drained: true,
      detail: `variant ${this.o.stable} of ${this.o.endpoint} has weight 0 and the endpoint is InService; remove the variant to free its instances`
    };
  }
  /** Polls DescribeEndpoint until InService; a failed or rolling-back endpoint is an error with SageMaker's FailureReason. */
  async waitInService(when) {
    const started = this.clock.now();
    let delay = this.o.pollMs ?? 1e3;
    for (; ; ) {
      const d = await this.describe();
      const status = d.EndpointStatus ?? "unknown";
      if (status === "InService")
        return;
      if (FAILED.has(status)) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is ${status} ${when}: ${d.FailureReason ?? "SageMaker gave no FailureReason"}`, {
          hint: "see the endpoint in the SageMaker console; traffic is wherever SageMaker left it"
        });
      }
      const waited = this.clock.now() - started;
      if (waited >= this.o.timeoutMs) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is still ${status} ${Math.round(waited / 1e3)} s ${when}`, {
          hint: "raise deploy.sagemaker.timeout, or check the endpoint in the SageMaker console"
        });
      }
      await this.clock.sleep(Math.min(delay, this.o.timeoutMs - waited));
      delay = Math.min(delay * 2, this.o.maxPollMs ?? 3e4);
    }
  }
  async describe() {
    try {
      return await this.client.send(new import_client_sagemaker.DescribeEndpointCommand({ EndpointName: this.o.endpoint }));
    } catch (error) {
      throw this.explain(error, "DescribeEndpoint");
    }
  }
  weights(d) {
    const variants = d.ProductionVariants ?? [];
    const find = (name) => {
      const v = variants.find((x) => x.VariantName === name);
      if (!v) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} has no production variant "${name}" (it has: ${variants.map((x) => x.VariantName).join(", ")})`, {
          hint: "set deploy.sagemaker.stable and deploy.sagemaker.canary to the variant names"
        });
      }
      return v.CurrentWeight ?? v.DesiredWeight ?? 0;
    };
    return { stable: find(this.o.stable), canary: find(this.o.canary) };
  }
  /** SDK errors as one line that says what failed; credential and validation problems are the user's to fix. */
  explain(error, call) {
    if (error instanceof UserError)
      return error;
    const e = error;
    const what = `SageMaker ${call} on ${this.o.endpoint} failed: ${e.name ?? "Error"}: ${(e.message ?? String(error)).split("\n")[0]}`;
    if (/region is missing/i.test(e.message ?? "")) {
      return new UserError(`SageMaker ${call} on ${this.o.endpoint}: no AWS region`, { hint: "set deploy.sagemaker.region, or AWS_REGION" });
    }
    if (e.name === "CredentialsProviderError" || /credential/i.test(e.message ?? "")) {
      return new UserError(what, { hint: "configure AWS credentials (aws-actions/configure-aws-credentials, AWS_PROFILE or AWS_ACCESS_KEY_ID)" });
    }
    const status = e.$metadata?.httpStatusCode;
    if (status !== void 0 && status >= 400 && status < 500)
      return new UserError(what, { hint: "check the endpoint and variant names, the region and the IAM permissions" });
    return new Error(what, { cause: error });
  }
};
export {
  SageMakerRouter
};
